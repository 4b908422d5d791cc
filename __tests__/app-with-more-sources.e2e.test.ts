import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { terraformReady } from "./support/terraform";

/**
 * A team's own app: a copy of this project whose main.ts gains two sources the way
 * docs/configuration.md "Add a source" says (one a named sender with no schema, one with a schema of its own), against which
 * the suites that read the app run unedited. They must pass: tests test the project, not the
 * default app's configuration.
 */
const ROOT = path.resolve(__dirname, "..");
// A fixed place, so that its build and Terraform caches stay warm from one run to the next.
const COPY = path.join(ROOT, ".build", "apps", "more-sources");

const APP_SUITES = [
  "__tests__/main.test.ts",
  "__tests__/docs.test.ts",
  "__tests__/local/every-source.e2e.test.ts",
  "__tests__/examples/payloads.test.ts",
  "__tests__/scripts/cost.test.ts",
  "__tests__/scripts/policy.test.ts",
  "__tests__/stacks/least-privilege.test.ts",
  "__tests__/docs-deployer-policy.test.ts",
];

/** Every test of those suites but synth's determinism from scratch, which depends on no source and takes the longest. */
const SKIPPED = "^(?!.*byte-identical)";

/** The two entries, as docs/configuration.md "Add a source" shows them. */
const MORE_SOURCES = `  shop: { verification: { scheme: "shopify" } },\n  partners: { schema: "users", verification: { scheme: "basic-auth" } },\n`;

function copyProject(): void {
  const skip = new Set(["node_modules", ".git", ".build", "cdktf.out", "local.secrets.json"]);
  // The copy's own .build (bundles, Terraform's verdicts) is kept: its contents are keyed by what made them.
  mkdirSync(COPY, { recursive: true });
  for (const entry of readdirSync(COPY)) if (entry !== ".build") rmSync(path.join(COPY, entry), { recursive: true, force: true });
  for (const entry of readdirSync(ROOT)) if (!skip.has(entry)) cpSync(path.join(ROOT, entry), path.join(COPY, entry), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(COPY, "node_modules"), "dir");
  const main = readFileSync(path.join(COPY, "main.ts"), "utf8");
  const opening = /^const SOURCES: WebhookConfigInput\["sources"\] = \{\n/m;
  if (!opening.test(main)) throw new Error('main.ts has no `const SOURCES: WebhookConfigInput["sources"] = {` for docs/configuration.md "Add a source" to extend');
  writeFileSync(path.join(COPY, "main.ts"), main.replace(opening, (line) => line + MORE_SOURCES));
}

describe("an app with two more sources, added as the README says", () => {
  it("passes the suites that read the app, unedited: synth, docs, the twin with a signed delivery to each source, cost, policy, least privilege", () => {
    // The suites it runs include Terraform's: without Terraform they could not be run in full.
    if (!terraformReady()) return console.warn("Skipped: the suites it runs need Terraform (see the warning above)");
    copyProject();
    expect(existsSync(path.join(COPY, "main.ts"))).toBe(true);
    const run = spawnSync(process.execPath, [path.join(COPY, "node_modules", "jest", "bin", "jest.js"), "--ci", "--verbose", "--maxWorkers=2", `--testNamePattern=${SKIPPED}`, ...APP_SUITES], {
      cwd: COPY,
      env: { ...process.env, CI: "true" },
      encoding: "utf8",
      timeout: 280_000,
    });
    const output = `${run.stderr}\n${run.stdout}`;
    if (run.status !== 0) throw new Error(`the app's suites failed on the copy with two more sources:\n${output}`);
    expect(output).toMatch(/Tests: \d+ passed, 0 failed/);
    for (const source of ["shop", "partners"]) expect(output).toContain(`✓ ${source}: its sample, signed as its sender signs, is processed`);
  }, 300_000);
});
