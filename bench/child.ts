import { spawnSync } from "node:child_process";
import * as path from "node:path";

const USAGE = path.join(__dirname, "usage.cjs");

/** One run of a measured process: wall time from spawn to exit, and its peak memory. */
export interface Run {
  readonly wallMs: number;
  readonly maxRssMiB: number;
}

/** Runs `node <args>` in a fresh process with the usage preload; throws with its output when it fails. */
export function measureNode(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["-r", USAGE, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const usage = /BENCH_USAGE (\{.*\})/.exec(result.stderr ?? "");
  if (result.status !== 0 || !usage) throw new Error(`node ${args.join(" ")} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return { wallMs, maxRssMiB: JSON.parse(usage[1]).maxRssKiB / 1024 };
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs each named measurement `times` times, interleaved (a, b, a, b...) so that the machine's
 * moods fall on all of them alike, and gives each one's median wall time and peak memory.
 */
export function interleaved(times: number, runs: Record<string, () => Run>): Record<string, Run> {
  const results: Record<string, Run[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let i = 0; i < times; i++) for (const [name, run] of Object.entries(runs)) results[name].push(run());
  return Object.fromEntries(
    Object.entries(results).map(([name, list]) => [name, { wallMs: median(list.map((r) => r.wallMs)), maxRssMiB: median(list.map((r) => r.maxRssMiB)) }]),
  );
}
