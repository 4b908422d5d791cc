/**
 * Plans one stack, or every stack, and prints a summary a reviewer reads first: what is created,
 * updated, replaced (flagged: its data is lost) and destroyed. The same summary is the pull
 * request comment of the plan workflow (`--markdown <file>`).
 *
 *   npm run plan -- [<stack>] [--no-synth] [--markdown <file>]
 *
 * With TF_PROVIDER_MIRROR set (and no TF_CLI_CONFIG_FILE), Terraform installs the AWS provider
 * from that mirror folder.
 *
 * Each stack's saved plan is left in cdktf.out/stacks/<stack>/plan.tfplan, for `terraform apply`.
 * A stack in HCP Terraform gets a speculative plan there instead, which saves no file: its summary
 * is read from the plan Terraform prints.
 */
import "./lib/node-support";
import { execFile } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { App } from "cdktf";
import { buildApp } from "../main";
import { readCommandLine, reportToolError } from "./lib/command-line";
import { withProviderMirror } from "./lib/provider-mirror";
import { formatPlanSummary, summarizePlan, summarizePlanText, type PlanJson } from "./lib/plan-summary";
import { stackDirectory, stackNames } from "./lib/stack-outputs";
import { printLine } from "./lib/terminal";

const COMMAND_LINE = {
  description: "Plans one stack, or every stack, and prints what a reviewer reads first: what is created, updated, replaced (its data lost) and destroyed.",
  usage: "usage: npm run plan -- [<stack>] [--no-synth] [--markdown <file>]",
  operand: "stack",
  options: {
    "no-synth": { type: "boolean" },
    markdown: { type: "string" },
  },
} as const;

/** The saved plan's name in each stack's folder. */
export const PLAN_FILE = "plan.tfplan";

/** Terraform's failures a user meets first, each with what to do, in one sentence. */
const EXPLANATIONS: readonly [RegExp, string][] = [
  [
    /No valid credential sources found|failed to refresh cached credentials|get identity: get credentials|ExpiredToken/,
    "Terraform found no usable AWS credentials: sign in (`aws sso login`, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and plan again.",
  ],
  [/Required token could not be found|TF_TOKEN_|Failed to request discovery document/, "Terraform cannot reach HCP Terraform: run `terraform login` (or set TF_TOKEN_app_terraform_io) and check TF_CLOUD_ORGANIZATION and TF_CLOUD_HOSTNAME."],
  [/Failed to query available provider packages|Failed to install provider|could not connect to registry/, "Terraform could not install the AWS provider: check the network, or set TF_PROVIDER_MIRROR to a provider mirror folder (or TF_CLI_CONFIG_FILE to a CLI configuration naming one; docs/deploy-and-plans.md \"Plan without the registry\")."],
  [/S3 bucket .* does not exist|NoSuchBucket|Error loading state/, "Terraform cannot read the state: check WEBHOOKS_STATE_BUCKET (or the stack's backend) and your access to it."],
];

export function explainTerraformFailure(output: string): string {
  return EXPLANATIONS.find(([pattern]) => pattern.test(output))?.[1] ?? "Terraform failed; its error is above.";
}

/** Plans each stack asked for; returns the exit code. Terraform's own error is printed before the explanation. */
export async function plan(argv: readonly string[], print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { operand, values } = readCommandLine(argv, COMMAND_LINE);
  const outDir = env.CDKTF_OUTDIR ?? "cdktf.out";
  if (!values["no-synth"]) buildApp(new App({ outdir: outDir }), env).synth();
  const terraformEnv = { ...withProviderMirror(env), TF_IN_AUTOMATION: "1" };
  const run = async (args: readonly string[], cwd: string) => (await promisify(execFile)("terraform", [...args], { cwd, env: terraformEnv, maxBuffer: 256 * 1024 * 1024 })).stdout;
  const speculativePlan = async (cwd: string) => summarizePlanText(await run(["plan", "-input=false", "-no-color"], cwd));
  const savedPlan = async (cwd: string) => {
    await run(["plan", "-input=false", "-no-color", `-out=${PLAN_FILE}`], cwd);
    return summarizePlan(JSON.parse(await run(["show", "-json", PLAN_FILE], cwd)) as PlanJson);
  };
  const stacks = operand !== undefined ? [operand] : stackNames(outDir);
  for (const stack of stacks) {
    const dir = stackDirectory(outDir, stack);
    const speculative = "cloud" in (JSON.parse(readFileSync(path.join(dir, "cdk.tf.json"), "utf8")).terraform ?? {});
    let step = "init";
    try {
      await run(["init", "-input=false", "-no-color"], dir);
      step = "plan";
      const summary = formatPlanSummary(stack, await (speculative ? speculativePlan(dir) : savedPlan(dir)));
      print(summary);
      print(speculative ? "\nA speculative plan in HCP Terraform: apply there, after review." : `\nSaved plan: ${path.join(dir, PLAN_FILE)}`);
      if (values.markdown) appendFileSync(values.markdown, `${summary}\n\n`);
    } catch (error) {
      const output = `${(error as { stderr?: string }).stderr ?? ""}${(error as { stdout?: string }).stdout ?? ""}` || String(error);
      const failure = `${stack}: terraform ${step} failed. ${explainTerraformFailure(output)}`;
      print(output.trim());
      print(`\n${failure}`);
      if (values.markdown) appendFileSync(values.markdown, `### \`${stack}\`: the plan failed\n\n${failure}\n\n`);
      return 1;
    }
  }
  return 0;
}

if (require.main === module) {
  plan(process.argv.slice(2), printLine).then(
    (code) => process.exit(code),
    (error) => {
      process.exit(reportToolError(error));
    },
  );
}
