import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const RUNTIME = path.join(__dirname, "lambda-runtime.js");
const STATE_MACHINE_RUNNER = path.join(__dirname, "state-machine-runner.js");

/** The environment every child process gets: PATH, a region and fake credentials, nothing else. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "test", ...env };
}

/**
 * Invokes a bundled handler from its zip the way Lambda does: `index.handler(event, context)` in a
 * fresh Node.js process, with only the given environment. Returns what the handler returned, and
 * what it wrote to stdout (its logs and EMF metrics).
 */
export async function invokeZip(zipPath: string, event: unknown, env: Record<string, string>): Promise<{ result: unknown; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "invoke-"));
  writeFileSync(path.join(dir, "event.json"), JSON.stringify(event));
  const script =
    `const fs=require('fs');const {loadHandler,lambdaContext}=require(${JSON.stringify(RUNTIME)});` +
    `loadHandler(${JSON.stringify(zipPath)})(JSON.parse(fs.readFileSync('event.json','utf8')),lambdaContext('function'))` +
    ".then(r=>fs.writeFileSync('result.json',JSON.stringify(r===undefined?null:r)),e=>{console.error(e);process.exit(1)})";
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: dir, env: childEnv(env) });
  return { result: JSON.parse(readFileSync(path.join(dir, "result.json"), "utf8")), stdout };
}

/** How one execution of the state machine ended. */
export type Execution = { readonly output: unknown } | { readonly error: string };

/**
 * Executes a state machine definition with aws-local-stepfunctions, one execution per input, in
 * order, in a fresh Node.js process. `tasks` maps Task state names to the zips of the Lambda
 * functions they invoke: each runs as Lambda would, through the `lambda:invoke` integration's shape.
 */
export async function executeStateMachine(
  definition: unknown,
  inputs: readonly unknown[],
  tasks: Record<string, string>,
  env: Record<string, string>,
): Promise<{ executions: Execution[]; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "sfn-"));
  writeFileSync(path.join(dir, "job.json"), JSON.stringify({ definition, inputs, tasks }));
  const { stdout } = await promisify(execFile)(process.execPath, [STATE_MACHINE_RUNNER, path.join(dir, "job.json")], {
    cwd: dir,
    env: childEnv(env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { executions: JSON.parse(readFileSync(path.join(dir, "executions.json"), "utf8")), stdout };
}
