/**
 * Runs the compliance rules over each stack of the app, as synth does, and prints what a security
 * reviewer reads: per rule, the resources judged, passed, failed and suppressed, then every finding
 * and every decision with its reason.
 *
 *   npm run policy -- [<stack>] [--json]
 *
 * Exits 1 when a finding is neither fixed nor suppressed with a reason.
 */
import "./lib/node-support";
import { App } from "cdktf";
import { buildApp } from "../main";
import { evaluateRules, RULES, unusedSuppressions } from "../stacks/rules";
import { WebhookStack } from "../stacks/webhook-stack";
import { readCommandLine, reportToolError } from "./lib/command-line";
import { formatPolicyResult, policyResult, type PolicyResult } from "./lib/policy-report";
import { ToolError } from "./lib/stack-outputs";
import { printLine } from "./lib/terminal";

const COMMAND_LINE = {
  description: "Runs the compliance rules (Checkov's ids, and ours) over each stack and prints each rule's results, every finding, and every suppression with its reason.",
  usage: "usage: npm run policy -- [<stack>] [--json]",
  operand: "stack",
  options: { json: { type: "boolean" } },
} as const;

/** Every stack's results, or the named stack's. */
export function policyResults(app: App, stackName?: string): PolicyResult[] {
  const stacks = app.node.children.filter((child): child is WebhookStack => child instanceof WebhookStack);
  const chosen = stackName === undefined ? stacks : stacks.filter((stack) => stack.node.id === stackName);
  if (chosen.length === 0) throw new ToolError(`no stack named "${stackName}": the app has ${stacks.map((stack) => stack.node.id).join(", ")}`);
  return chosen.map((stack) => {
    const suppressions = stack.config.policy.suppressions;
    const reports = evaluateRules(stack.toTerraform(), RULES, suppressions);
    return policyResult(stack.node.id, reports, unusedSuppressions(reports, suppressions));
  });
}

export function policy(argv: readonly string[], print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  const { operand, values } = readCommandLine(argv, COMMAND_LINE);
  const results = policyResults(buildApp(new App({ skipValidation: true }), env), operand);
  print(values.json ? JSON.stringify(results, null, 2) : results.map(formatPolicyResult).join("\n\n"));
  return results.some((result) => result.rules.some((rule) => rule.failed.length > 0)) ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exit(policy(process.argv.slice(2), printLine));
  } catch (error) {
    process.exit(reportToolError(error));
  }
}
