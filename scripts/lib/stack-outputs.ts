import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

/** Raised when a tool cannot go on; its message says what to do. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

/** Runs `terraform output -json -no-color` in a synthesized stack's directory and returns its stdout. */
export type TerraformOutputs = (stackDir: string) => Promise<string>;

export const terraformOutputs: TerraformOutputs = async (stackDir) =>
  (await promisify(execFile)("terraform", ["output", "-json", "-no-color"], { cwd: stackDir, env: process.env })).stdout;

/** The names of the synthesized stacks, in order. */
export function stackNames(outDir: string): string[] {
  const stacksDir = path.join(outDir, "stacks");
  return existsSync(stacksDir) ? readdirSync(stacksDir).sort() : [];
}

/** The synthesized stack to use: the one named, or the only one there is. */
export function stackDirectory(outDir: string, stack: string | undefined): string {
  const stacksDir = path.join(outDir, "stacks");
  const stacks = stackNames(outDir);
  if (stacks.length === 0) throw new ToolError(`No synthesized stack in ${stacksDir}: run \`npm run synth\` (and deploy) first.`);
  if (stack !== undefined) {
    if (!stacks.includes(stack)) throw new ToolError(`No stack "${stack}" in ${stacksDir}; there are: ${stacks.join(", ")}.`);
    return path.join(stacksDir, stack);
  }
  if (stacks.length > 1) throw new ToolError(`Several stacks in ${stacksDir} (${stacks.join(", ")}): name one with --stack.`);
  return path.join(stacksDir, stacks[0]);
}

/** A deployed stack's outputs by name, as `terraform output -json` gives them. */
export async function readStackOutputs(stackDir: string, run: TerraformOutputs = terraformOutputs): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await run(stackDir);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    // Terraform boxes its errors ("│ Error: ..."); the first one says most.
    const reason = /Error: .*/.exec(stderr)?.[0] ?? (stderr.trim().split("\n")[0] || (error as Error).message);
    throw new ToolError(
      `Could not read the outputs of ${path.basename(stackDir)} (${reason}). Deploy it with ` +
        `\`npm run deploy -- ${path.basename(stackDir)}\`, and make sure its state is reachable (WEBHOOKS_STATE_BUCKET, credentials).`,
    );
  }
  const outputs = JSON.parse(text || "{}") as Record<string, { value: unknown }>;
  if (Object.keys(outputs).length === 0) {
    throw new ToolError(`${path.basename(stackDir)} has no outputs: it is not deployed yet (\`npm run deploy -- ${path.basename(stackDir)}\`).`);
  }
  return Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, String(value)]));
}
