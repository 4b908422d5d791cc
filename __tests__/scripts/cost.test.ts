import { Testing } from "cdktf";
import { cost } from "../../scripts/cost";
import { buildApp } from "../../main";
import { monthlyCost, total } from "../../cost/model";
import { shapeOf } from "../../cost/shape";
import type { WebhookStack } from "../../stacks/webhook-stack";
import { onlyResource, resourcesOf } from "../support/synth";

const run = (argv: string[]) => {
  const lines: string[] = [];
  const code = cost(argv, (line) => lines.push(line), {});
  return { code, output: lines.join("\n") };
};

describe("npm run cost", () => {
  const stack = buildApp(Testing.app(), {}).node.children[0] as WebhookStack;
  const shape = shapeOf(stack.toTerraform());

  it("reads the stack's shape from its synthesized configuration", () => {
    const synthesized = Testing.synth(stack);
    const count = (type: string) => Object.keys(resourcesOf(synthesized, type)).length;
    const pipe = onlyResource(synthesized, "aws_pipes_pipe");
    expect(shape).toMatchObject({
      batchSize: pipe.source_parameters.sqs_queue_parameters.batch_size,
      alarms: count("aws_cloudwatch_metric_alarm"),
      secrets: count("aws_secretsmanager_secret"),
    });
    expect(shape.secrets).toBeGreaterThan(0);
  });

  it("prints each component beside the reference design's, with totals", () => {
    const { code, output } = run(["--rate", "10", "--size", "1", "--rejected", "0.1"]);
    expect(code).toBe(0);
    expect(output).toMatch(/^webhooks-dev: 10 deliveries\/s of 1 KiB, 10% rejected: 26\.28 M a month$/m);
    const expected = total(monthlyCost(shape, { ratePerSecond: 10, sizeKiB: 1, rejectedShare: 0.1 }));
    expect(output).toContain(`$${expected.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(output).toMatch(/^DynamoDB \(on demand\) .* -$/m);
    expect(JSON.parse(run(["--rate", "10", "--size", "1", "--json"]).output).lines).toEqual(monthlyCost(shape, { ratePerSecond: 10, sizeKiB: 1, rejectedShare: 0 }));
  });

  it("names every mistake at once", () => {
    expect(() => run(["--rate", "0", "--rejected", "2"])).toThrow(
      '--rate: must be a number above 0 (got "0")\n--rejected: must be a share between 0 and 1 (got "2")\n--size is needed\nusage: npm run cost',
    );
    expect(() => run(["--rate", "1", "--size", "1", "--stack", "qa"])).toThrow('no stack named "qa"');
  });
});
