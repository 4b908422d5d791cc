import { Testing } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { WebhookStateMachine } from "../../stacks/webhook-state-machine";
import { onlyResource } from "../support/synth";
import type { TerraformArguments } from "../../stacks/terraform-json";

const VALIDATE = "arn:aws:lambda:us-east-1:123456789012:function:hooks-dev-validate";
const PROCESS = "arn:aws:lambda:us-east-1:123456789012:function:hooks-dev-process";
const synth = Testing.synthScope(
  (scope) =>
    new WebhookStateMachine(scope, "sm", {
      stateMachineName: "hooks-dev-pipeline",
      validateFunctionArn: VALIDATE,
      processFunctionArn: PROCESS,
      timeoutSeconds: 45,
      maxConcurrency: 4,
      logRetentionDays: 30,
    }),
);

describe("WebhookStateMachine", () => {
  it("is an EXPRESS workflow with tracing and error logging to a vended-logs group", () => {
    expect(synth).toHaveResourceWithProperties(SfnStateMachine, {
      name: "hooks-dev-pipeline",
      type: "EXPRESS",
      tracing_configuration: { enabled: true },
      logging_configuration: { include_execution_data: false, level: "ERROR", log_destination: expect.stringMatching(/\.arn\}:\*$/) },
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/vendedlogs/states/hooks-dev-pipeline", retention_in_days: 30 });
  });

  it("runs the definition built from its props", () => {
    const definition = JSON.parse(onlyResource(synth, "aws_sfn_state_machine").definition);
    expect(definition.TimeoutSeconds).toBe(45);
    expect(definition.States["Validate Message"].Parameters.FunctionName).toBe(VALIDATE);
    expect(definition.States["Process Verified Messages"].MaxConcurrency).toBe(4);
  });

  it("may invoke only its two functions", () => {
    const statements = JSON.parse(onlyResource(synth, "aws_iam_role_policy").policy).Statement;
    const invoke = statements.filter((s: TerraformArguments) => s.Action.includes("lambda:InvokeFunction"));
    expect(invoke).toEqual([{ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [VALIDATE, PROCESS] }]);
    expect(JSON.parse(onlyResource(synth, "aws_iam_role").assume_role_policy).Statement[0].Principal).toEqual({ Service: "states.amazonaws.com" });
  });

  it("may be assumed by Step Functions for this state machine in this account only (no confused deputy)", () => {
    const trust = JSON.parse(onlyResource(synth, "aws_iam_role").assume_role_policy).Statement[0];
    // Partition, region and account come from the validate function's ARN, as Terraform locals.
    const locals = Object.entries(JSON.parse(synth).locals as Record<string, string>);
    const part = (index: number) => `\${local.${locals.find(([, value]) => value === `\${element(split(":", "${VALIDATE}"), ${index})}`)![0]}}`;
    expect(trust.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": part(4) },
      ArnEquals: { "aws:SourceArn": `arn:${part(1)}:states:${part(3)}:${part(4)}:stateMachine:hooks-dev-pipeline` },
    });
  });
});
