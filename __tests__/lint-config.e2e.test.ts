import { spawn } from "node:child_process";
import * as path from "node:path";

/**
 * The lint config holds what review kept catching, where it should: a long function, an `any`, a
 * floating promise and an unused value fail in product code; the reads of untyped JSON are left to
 * the folders that read it; tests may hold long tables. `npm test` runs the linter over the tree.
 */
const ROOT = path.resolve(__dirname, "..");

const SAMPLE = [
  "export function long(): number {",
  ...Array.from({ length: 85 }, (_, i) => `  const v${i} = ${i};`),
  `  return ${Array.from({ length: 85 }, (_, i) => `v${i}`).join(" + ")};`,
  "}",
  "export const passThrough = (x: any) => x;",
  "async function later(): Promise<void> {}",
  "export function forgets(): void {",
  "  later();",
  "}",
  "export function unused(): void {",
  "  const kept = 1;",
  "}",
  "",
].join("\n");

/** The rules ESLint (the project's own, as `npm test` runs it; its config is ESM, which jest cannot load) finds the sample breaking as `file`. */
function findings(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const eslint = spawn(path.join(ROOT, "node_modules", ".bin", "eslint"), ["--format", "json", "--stdin", "--stdin-filename", file], { cwd: ROOT });
    let out = "";
    eslint.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    eslint.on("error", reject);
    eslint.on("close", () => {
      const [result] = JSON.parse(out) as { messages: { ruleId: string | null; message: string }[] }[];
      resolve([...new Set(result.messages.map((message) => message.ruleId ?? message.message))].sort());
    });
    eslint.stdin.end(SAMPLE);
  });
}

describe("the lint config", () => {
  it("fails a long function, `any`, a floating promise and an unused value in product code; lets tests hold long functions and read untyped JSON", async () => {
    // Two ESLint runs at once: each builds the type-checked program (about 9 s).
    const [delivery, test] = await Promise.all([findings("delivery/envelope.ts"), findings("__tests__/docs.test.ts")]);
    expect(delivery).toEqual([
      "@typescript-eslint/no-explicit-any",
      "@typescript-eslint/no-floating-promises",
      "@typescript-eslint/no-unsafe-return",
      "@typescript-eslint/no-unused-vars",
      "max-lines-per-function",
    ]);
    expect(test).toEqual(["@typescript-eslint/no-explicit-any", "@typescript-eslint/no-floating-promises", "@typescript-eslint/no-unused-vars"]);
  }, 60_000);
});
