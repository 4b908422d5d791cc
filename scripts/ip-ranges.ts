/**
 * The address ranges senders publish for their webhooks, which `allowedSourceIps: "published"`
 * uses. Synth never fetches them: they are data in `senders/ip-ranges/published.json`, refreshed
 * here and reviewed in a pull request like any other change.
 *
 *   npm run ip-ranges               what each sender's ranges are, and when they were retrieved
 *   npm run ip-ranges -- --refresh  fetch each sender's document, and write what changed
 */
import "./lib/node-support";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { PUBLISHED_RANGES, REFRESHED_RANGES, type RefreshedRanges } from "../senders/ip-ranges";
import { readCommandLine, reportToolError } from "./lib/command-line";
import { printLine } from "./lib/terminal";

const COMMAND_LINE = {
  description: "Shows the address ranges senders publish for their webhooks (used by allowedSourceIps: \"published\"); --refresh fetches them again and writes senders/ip-ranges/published.json.",
  usage: "usage: npm run ip-ranges -- [--refresh]",
  options: { refresh: { type: "boolean" } },
} as const;

export const PUBLISHED_FILE = path.join(__dirname, "..", "senders", "ip-ranges", "published.json");

/** What changed for one sender: ranges added and removed. */
export function rangeChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((r) => !before.includes(r)), removed: before.filter((r) => !after.includes(r)) };
}

export async function ipRanges(
  argv: readonly string[],
  print: (line: string) => void,
  fetchJson: (url: string) => Promise<unknown> = async (url) => {
    const response = await fetch(url, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  },
  write: (file: string, text: string) => void = (file, text) => writeFileSync(file, text),
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Promise<number> {
  const { values } = readCommandLine(argv, COMMAND_LINE);
  if (!values.refresh) {
    for (const [sender, { url, retrieved, ranges }] of Object.entries(REFRESHED_RANGES)) print(`${sender}: ${ranges.length} ranges, retrieved ${retrieved} from ${url}\n  ${ranges.join("\n  ")}`);
    return 0;
  }
  const refreshed: Record<string, RefreshedRanges> = {};
  let failed = false;
  for (const [sender, source] of Object.entries(PUBLISHED_RANGES)) {
    const previous = REFRESHED_RANGES[sender];
    try {
      const ranges = source.extract(await fetchJson(source.url));
      if (ranges.length === 0) throw new Error("the document lists no addresses");
      const { added, removed } = rangeChanges(previous?.ranges ?? [], ranges);
      refreshed[sender] = added.length || removed.length || !previous ? { url: source.url, retrieved: today(), ranges } : previous;
      print(`${sender}: ${added.length || removed.length ? `+${added.length} -${removed.length}${[...added.map((r) => `\n  + ${r}`), ...removed.map((r) => `\n  - ${r}`)].join("")}` : "unchanged"}`);
    } catch (error) {
      // A sender we cannot read keeps its last ranges: an allowlist never empties by accident.
      failed = true;
      if (previous) refreshed[sender] = previous;
      print(`${sender}: kept the ranges retrieved ${previous?.retrieved ?? "never"}: ${(error as Error).message}`);
    }
  }
  write(PUBLISHED_FILE, `${JSON.stringify(refreshed, null, 2)}\n`);
  print("Review the change, synth, and plan: the API's resource policy changes with it.");
  return failed ? 1 : 0;
}

if (require.main === module) {
  ipRanges(process.argv.slice(2), printLine).then(
    (code) => process.exit(code),
    (error) => process.exit(reportToolError(error)),
  );
}
