import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Testing, type TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { mirrorCliConfig } from "../../scripts/lib/provider-mirror";

/** The machine's filesystem mirror of hashicorp/aws; nothing is downloaded. */
export const PROVIDER_MIRROR = process.env.TF_PROVIDER_MIRROR ?? "/opt/tf-plugins";

function terraformVersion(): string | undefined {
  try {
    return execFileSync("terraform", ["version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\n")[0];
  } catch {
    return undefined;
  }
}

/**
 * Whether Terraform-backed tests can run. Under CI=true a missing Terraform or mirror is an error,
 * never a skip; elsewhere the reason is printed and the tests are skipped.
 */
export function terraformReady(): boolean {
  const problems: string[] = [];
  if (!terraformVersion()) problems.push("`terraform` is not on PATH");
  if (!existsSync(path.join(PROVIDER_MIRROR, "registry.terraform.io", "hashicorp", "aws"))) {
    problems.push(`no hashicorp/aws provider mirror at ${PROVIDER_MIRROR} (set TF_PROVIDER_MIRROR)`);
  }
  if (problems.length === 0) {
    useOfflineTerraform();
    return true;
  }
  if (process.env.CI === "true") throw new Error(`Terraform tests cannot run: ${problems.join("; ")}`);
  console.warn(`Skipping Terraform validate/plan tests: ${problems.join("; ")}`);
  return false;
}

/** The one stack in a full synth's output. */
function stackName(outdir: string): string {
  const stacks = Object.keys(JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks);
  if (stacks.length !== 1) throw new Error(`expected one stack in ${outdir}, found ${stacks.length}`);
  return stacks[0];
}

let configured = false;

/** Points Terraform at the local mirror and gives the AWS provider credentials that go nowhere. */
function useOfflineTerraform(): void {
  if (configured) return;
  const dir = mkdtempSync(path.join(tmpdir(), "tf-cli-"));
  const rc = path.join(dir, "terraformrc");
  writeFileSync(rc, mirrorCliConfig(PROVIDER_MIRROR));
  Object.assign(process.env, {
    TF_CLI_CONFIG_FILE: rc,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    AWS_ACCESS_KEY_ID: "AKIAOFFLINEPLAN00000",
    AWS_SECRET_ACCESS_KEY: "offline-plan-only",
    AWS_EC2_METADATA_DISABLED: "true",
  });
  configured = true;
}

/** Makes a stack's AWS provider plan without reaching AWS: no STS, no metadata, no account lookup. */
function planOffline(stack: TerraformStack): TerraformStack {
  const provider = stack.node.children.find((child): child is AwsProvider => child instanceof AwsProvider);
  if (!provider) throw new Error("the stack has no AWS provider");
  provider.addOverride("skip_credentials_validation", true);
  provider.addOverride("skip_requesting_account_id", true);
  provider.addOverride("skip_metadata_api_check", true);
  return stack;
}

/**
 * Where Terraform's verdicts are kept, by what they were made of: the configuration, the files it
 * reads, the state given, the commands, and Terraform's and the provider's versions. The same
 * inputs give the same verdict offline, so a warm `npm test` asks Terraform only about what changed.
 * TF_CHECK_CACHE=off runs every command afresh.
 */
const CACHE_DIR = path.resolve(__dirname, "../../.build/terraform-checks");

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".terraform"))
    .flatMap((entry) => (entry.isDirectory() ? filesOf(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** Runs `compute` once per distinct stack folder content and `what`, remembering its result on disk. */
function cached<T>(stackDir: string, what: string, compute: () => T): T {
  if (process.env.TF_CHECK_CACHE === "off") return compute();
  const hash = createHash("sha256").update(JSON.stringify([what, terraformVersion(), PROVIDER_MIRROR, readdirSync(path.join(PROVIDER_MIRROR, "registry.terraform.io", "hashicorp", "aws"))]));
  for (const file of filesOf(stackDir)) hash.update(path.relative(stackDir, file)).update(readFileSync(file));
  const file = path.join(CACHE_DIR, `${hash.digest("hex")}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as T;
  const result = compute();
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(result));
  return result;
}

/** A Terraform command in a stack folder: its exit code and everything it printed. */
function terraform(stackDir: string, args: readonly string[]): { code: number; output: string } {
  try {
    const output = execFileSync("terraform", [...args], { cwd: stackDir, encoding: "utf8", stdio: "pipe", env: process.env, maxBuffer: 64 * 1024 * 1024, timeout: 170_000 });
    return { code: 0, output };
  } catch (error) {
    const { status, stdout, stderr } = error as { status?: number; stdout?: string; stderr?: string };
    return { code: status ?? 1, output: `${stdout ?? ""}${stderr ?? ""}` };
  }
}

/**
 * `terraform init -backend=false` and `terraform validate -json` of a stack: what a backend block is
 * checked with where its state cannot be reached. Returns Terraform's verdict and diagnostics.
 */
export function validateWithoutBackend(stack: TerraformStack): { valid: boolean; diagnostics: { severity: string; summary: string }[] } {
  const dir = Testing.fullSynth(stack);
  const stackDir = path.join(dir, "stacks", stackName(dir));
  return cached(stackDir, "validate without backend", () => {
    const run = (args: string[]) => execFileSync("terraform", args, { cwd: stackDir, encoding: "utf8", stdio: "pipe", env: process.env });
    run(["init", "-backend=false", "-input=false", "-no-color"]);
    const result = JSON.parse(run(["validate", "-json", "-no-color"]));
    return { valid: result.valid, diagnostics: result.diagnostics.map((d: { severity: string; summary: string }) => ({ severity: d.severity, summary: d.summary })) };
  });
}

/**
 * `terraform init` with the stack's backend, offline: Terraform checks the backend's arguments and
 * values before it reaches for the state, so the first error it prints tells a configuration fault
 * from an unreachable service. Returns that first error, or undefined when init succeeds.
 */
export function initWithBackend(stack: TerraformStack): string | undefined {
  const dir = Testing.fullSynth(stack);
  try {
    execFileSync("terraform", ["init", "-input=false", "-no-color"], { cwd: path.join(dir, "stacks", stackName(dir)), encoding: "utf8", stdio: "pipe", env: process.env, timeout: 60_000 });
    return undefined;
  } catch (error) {
    return /^Error: (.*)$/m.exec(String((error as { stderr?: string }).stderr))?.[1] ?? String(error);
  }
}

/**
 * A real saved plan of `stack` against a prior `state`, as `terraform show` prints it, in JSON and
 * as people read it; made offline, without refresh, so it compares the configuration with the state as given.
 */
export function planAgainstState(stack: TerraformStack, state: object): { json: unknown; text: string } {
  const dir = Testing.fullSynth(planOffline(stack));
  const stackDir = path.join(dir, "stacks", stackName(dir));
  writeFileSync(path.join(stackDir, "terraform.tfstate"), JSON.stringify(state));
  return cached(stackDir, "plan against state, shown", () => {
    const run = (args: string[]) => execFileSync("terraform", args, { cwd: stackDir, encoding: "utf8", stdio: "pipe", env: process.env, maxBuffer: 64 * 1024 * 1024 });
    run(["init", "-input=false", "-no-color"]);
    run(["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=plan.tfplan"]);
    return { json: JSON.parse(run(["show", "-json", "plan.tfplan"])), text: run(["show", "-no-color", "plan.tfplan"]) };
  });
}

/**
 * `terraform validate` and an offline `terraform plan` of a stack against the real AWS provider.
 * When Terraform is not ready (and not under CI) they are skipped, with the reason printed.
 */
export function describeTerraformChecks(name: string, makeStack: () => TerraformStack): void {
  const body = () => {
    const dir = Testing.fullSynth(planOffline(makeStack()));
    const stackDir = path.join(dir, "stacks", stackName(dir));
    // One init, one validate and one plan, read by three tests: each Terraform command loads the
    // provider's schema, seconds each.
    const checked = () =>
      cached(stackDir, "init, validate, plan", () => {
        const init = terraform(stackDir, ["init", "-input=false", "-no-color"]);
        return { init, validate: terraform(stackDir, ["validate", "-no-color"]), plan: terraform(stackDir, ["plan", "-input=false", "-lock=false", "-no-color"]) };
      });
    it("passes terraform validate", () => {
      const { init, validate } = checked();
      expect(init.code === 0 ? validate : init).toEqual({ code: 0, output: expect.stringContaining("The configuration is valid.") });
    }, 180_000);
    it("plans successfully, offline", () => {
      expect(checked().plan).toEqual({ code: 0, output: expect.stringMatching(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/m) });
    }, 180_000);
    it("plans without warnings (deprecated arguments, ignored settings)", () => {
      expect(checked().plan.output).not.toMatch(/Warning:/);
    }, 180_000);
  };
  if (terraformReady()) describe(name, body);
  else describe.skip(`${name} (Terraform unavailable, see the warning above)`, body);
}
