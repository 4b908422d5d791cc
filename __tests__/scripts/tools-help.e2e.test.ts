import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

/**
 * Every tool of the project answers `--help` with what it does, and changes nothing (no doc page
 * rewritten, no results saved, no synth written). (`help.test.ts` checks that `help` names each.)
 */
const ROOT = path.resolve(__dirname, "../..");
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
/** The project's own tools: the scripts that run a TypeScript file of this repository. */
const tools = Object.entries(scripts).flatMap(([name, command]) => {
  const file = /node -r tsx\/cjs (\S+\.ts)/.exec(command)?.[1];
  return file ? [{ name, file }] : [];
});

/** A fingerprint of what a tool could write: the README and docs/ pages, the saved bench figures, the synth output. */
function fingerprint(): string {
  const hash = createHash("sha256");
  for (const file of ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`), "bench/results.json"]) hash.update(readFileSync(path.join(ROOT, file)));
  const out = path.join(ROOT, "cdktf.out");
  hash.update(existsSync(out) ? readdirSync(out).map((name) => `${name}:${statSync(path.join(out, name)).mtimeMs}`).join() : "none");
  return hash.digest("hex");
}

describe("the tools", () => {
  it("answer --help with what they do and their usage, exit 0, and change nothing", async () => {
    const before = fingerprint();
    const answers = await Promise.all(
      tools.map(async ({ name, file }) => {
        const { stdout } = await promisify(execFile)(process.execPath, ["-r", "tsx/cjs", file, "--help"], { cwd: ROOT, env: { ...process.env, CI: "true" } });
        return { name, usage: /\n\nusage: npm run /.test(stdout) };
      }),
    );
    expect(answers.filter((answer) => !answer.usage)).toEqual([]);
    expect(fingerprint()).toBe(before);
  }, 60_000);
});
