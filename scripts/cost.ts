/**
 * What a stack costs a month under a given load, per component, computed from its synthesized
 * configuration and the dated price table in cost/prices.ts, beside the reference design's shape.
 *
 *   npm run cost -- --rate <deliveries/s> --size <KiB> [--rejected <share>] [--stack <name>] [--json]
 */
import "./lib/node-support";
import { App } from "cdktf";
import { buildApp, LOCAL_STACK } from "../main";
import { monthlyCost, REFERENCE_SHAPE, type Workload } from "../cost/model";
import { PRICES_CHECKED } from "../cost/prices";
import { shapeOf } from "../cost/shape";
import { WebhookStack } from "../stacks/webhook-stack";
import { readCommandLine, reportToolError } from "./lib/command-line";
import { formatCost } from "./lib/cost-table";
import { ToolError } from "./lib/stack-outputs";
import { printLine } from "./lib/terminal";

const positive = (value: string) => (Number(value) > 0 && Number.isFinite(Number(value)) ? undefined : "must be a number above 0");
const share = (value: string) => (Number(value) >= 0 && Number(value) <= 1 && value.trim() !== "" ? undefined : "must be a share between 0 and 1");

const COMMAND_LINE = {
  description: `What a stack costs a month under a load, per component, from its synthesized configuration and AWS's us-east-1 list prices (checked ${PRICES_CHECKED}), beside the reference design's shape.`,
  usage: "usage: npm run cost -- --rate <deliveries/s> --size <KiB> [--rejected <share 0..1>] [--stack <name>] [--json]",
  options: {
    rate: { type: "string", check: positive },
    size: { type: "string", check: positive },
    rejected: { type: "string", default: "0", check: share },
    stack: { type: "string" },
    json: { type: "boolean" },
  },
  across: (_values: unknown, given: ReadonlySet<string>) => ["rate", "size"].filter((name) => !given.has(name)).map((name) => `--${name} is needed`),
} as const;

export function cost(argv: readonly string[], print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  const { values } = readCommandLine(argv, COMMAND_LINE);
  const stackName = values.stack ?? LOCAL_STACK;
  const stacks = buildApp(new App({ skipValidation: true }), env).node.children.filter((child): child is WebhookStack => child instanceof WebhookStack);
  const stack = stacks.find((s) => s.node.id === stackName);
  if (!stack) throw new ToolError(`no stack named "${stackName}": the app has ${stacks.map((s) => s.node.id).join(", ")}`);
  const workload: Workload = { ratePerSecond: Number(values.rate), sizeKiB: Number(values.size), rejectedShare: Number(values.rejected) };
  const shape = shapeOf(stack.toTerraform());
  print(
    values.json
      ? JSON.stringify({ stack: stackName, workload, pricesChecked: PRICES_CHECKED, shape, lines: monthlyCost(shape, workload), reference: monthlyCost(REFERENCE_SHAPE, workload) }, null, 2)
      : `${formatCost(stackName, shape, workload)}\n\nPrices: us-east-1 list prices without free tiers, checked ${PRICES_CHECKED} (cost/prices.ts, each with its source); durations and log volume: cost/model.ts DEFAULT_ASSUMPTIONS.`,
  );
  return 0;
}

if (require.main === module) {
  try {
    process.exit(cost(process.argv.slice(2), printLine));
  } catch (error) {
    process.exit(reportToolError(error));
  }
}
