import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Testing } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { unzipSync } from "fflate";
import { bundleHandler } from "../../stacks/lambda-bundle";
import { NodejsFunction } from "../../stacks/nodejs-function";
import { onlyResource } from "../support/synth";

const synth = Testing.synthScope(
  (scope) =>
    new NodejsFunction(scope, "fn", {
      functionName: "hooks-dev-process",
      entry: "handlers/process.ts",
      memorySize: 512,
      timeout: 20,
      logRetentionDays: 14,
      environment: { POWERTOOLS_LOG_LEVEL: "INFO" },
      policyStatements: [{ Effect: "Allow", Action: ["events:PutEvents"], Resource: "arn:aws:events:us-east-1:123456789012:event-bus/b" }],
    }),
);

describe("NodejsFunction", () => {
  it("runs the bundle on Node.js 22, arm64, traced, logging JSON to its own group", () => {
    expect(synth).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "hooks-dev-process",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      memory_size: 512,
      timeout: 20,
      environment: { variables: { POWERTOOLS_LOG_LEVEL: "INFO" } },
      tracing_config: { mode: "Active" },
      logging_config: { log_format: "JSON", log_group: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.name\}$/) },
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/lambda/hooks-dev-process", retention_in_days: 14 });
  });

  it("ships a zip whose source_code_hash is base64(sha256) of its bytes", () => {
    const bundle = bundleHandler("handlers/process.ts");
    const zip = readFileSync(bundle.zipPath);
    expect(onlyResource(synth, "aws_lambda_function").source_code_hash).toBe(createHash("sha256").update(zip).digest("base64"));
    expect(Object.keys(unzipSync(zip))).toEqual(["index.js"]);
  });

  it("writes deterministic zip entries: fixed time, Unix mode 0644", () => {
    const zip = readFileSync(bundleHandler("handlers/process.ts").zipPath);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt16LE(central + 12)).toBe(0); // DOS time 00:00:00
    expect(zip.readUInt16LE(central + 14)).toBe(0x21); // DOS date 1980-01-01
    expect(zip.readUInt8(central + 5)).toBe(3); // made by Unix
    expect(zip.readUInt32LE(central + 38) >>> 16).toBe(0o100644);
  });

  it("may write its logs and traces and do only what it is given", () => {
    const statements = JSON.parse(onlyResource(synth, "aws_iam_role_policy").policy).Statement;
    expect(statements).toEqual([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.arn\}:\*$/) },
      { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" },
      { Effect: "Allow", Action: ["events:PutEvents"], Resource: "arn:aws:events:us-east-1:123456789012:event-bus/b" },
    ]);
    expect(JSON.parse(onlyResource(synth, "aws_iam_role").assume_role_policy).Statement[0].Principal).toEqual({ Service: "lambda.amazonaws.com" });
  });

  it("creates the log group before the function, so Lambda never creates one without retention", () => {
    expect(onlyResource(synth, "aws_lambda_function").depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\./)]);
  });
});
