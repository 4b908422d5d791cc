/**
 * Look at the deliveries the pipeline rejected, and send them back for verification once their
 * cause is fixed (a secret stored wrong, a schema too strict), finding the queues from the stack's
 * outputs.
 *
 *   npm run quarantine -- peek    [--source S] [--reason R] [--id <id>] [--max 10] [--body] [--stack <name>]
 *   npm run quarantine -- release [--source S] [--reason R] [--id <id>] [--stack <name>]
 *
 * With --local, the same commands work on the local twin (`npm run local`) instead.
 */
import "./lib/node-support";
import { wholeNumberAtLeast, type CommandLineSpec, type ToolOption } from "./lib/command-line";
import { queueToolDependencies, runQueueTool, type QueueToolDependencies } from "./lib/queue-tool";
import { peekQuarantine, quarantineQueuesFromOutputs, releaseQuarantine, type QuarantineFilter } from "./lib/quarantine";
import { REJECTION_REASONS } from "../delivery/quarantine";
import { closest } from "../delivery/zod-issues";

const COMMAND_LINE = {
  description: "Lists the deliveries the validate step rejected, with why, and sends them back for verification once the cause is fixed.",
  usage:
    "usage: npm run quarantine -- <peek|release> [--source <name>] [--reason <reason>] [--id <delivery or message id>] " +
    "[--max <n>] [--body] [--stack <name>] [--local]",
  commands: ["peek", "release"],
  options: {
    stack: { type: "string" },
    source: { type: "string" },
    reason: {
      type: "string",
      check: (reason: string) => {
        if ((REJECTION_REASONS as readonly string[]).includes(reason)) return undefined;
        const meant = closest(reason, REJECTION_REASONS);
        return `no delivery is quarantined for that reason${meant ? `; did you mean ${meant}?` : ""} Reasons: ${REJECTION_REASONS.join(", ")}`;
      },
    },
    id: { type: "string" },
    max: { type: "string", default: "10", check: wholeNumberAtLeast(1) },
    body: { type: "boolean" },
    // Read by queueToolDependencies before the command line is; listed so that a misspelling is caught.
    local: { type: "boolean" },
  },
  // A release takes every match: a cap would leave some behind without saying which.
  across: (_values, given, command) =>
    command === "release" ? ["max", "body"].filter((name) => given.has(name)).map((name) => `--${name}: only peek takes it; release takes every match`) : [],
} as const satisfies CommandLineSpec<Record<string, ToolOption>>;

/** Runs one command; returns the process exit code. Every failure is a sentence saying what to do. */
export function quarantine(argv: readonly string[], deps: QueueToolDependencies): Promise<number> {
  return runQueueTool(argv, deps, COMMAND_LINE, async ({ command, values }, print) => {
    const { stack, source, reason, id, max, body } = values;
    const filter: QuarantineFilter = { source, reason, id };
    const which = [source && `source ${source}`, reason && `reason ${reason}`, id && `id ${id}`].filter(Boolean).join(", ");
    const outputs = await deps.outputs(stack);
    const queues = quarantineQueuesFromOutputs(outputs);
    if (command === "peek") {
      const found = await peekQuarantine(deps.sqs, queues, { filter, max: Number(max), withBody: body, readStored: deps.readStored });
      print(found.length === 0 ? `No delivery in the quarantine${which ? ` with ${which}` : ""}.${unknownSource(source, outputs)}` : found.map((d) => JSON.stringify(d)).join("\n"));
      return 0;
    }
    const { released, failed, duplicates } = await releaseQuarantine(deps.sqs, queues, filter);
    for (const delivery of released) print(`released ${delivery.source ?? "?"} ${delivery.deliveryId ?? delivery.messageId} (was ${delivery.reason ?? "?"})`);
    for (const delivery of duplicates) print(`removed a second copy of ${delivery.source ?? "?"} ${delivery.deliveryId ?? delivery.messageId}: its twin was sent back`);
    for (const { delivery, error } of failed) print(`NOT released ${delivery.source ?? "?"} ${delivery.deliveryId ?? delivery.messageId}: ${error}; it stays in the quarantine`);
    print(
      released.length === 0 && failed.length === 0
        ? `No delivery in the quarantine${which ? ` with ${which}` : ""}: nothing to release.${unknownSource(source, outputs)}`
        : `${released.length} deliver${released.length === 1 ? "y" : "ies"} sent back for verification: genuine ones are processed once, ` +
            "the rest return to the quarantine with their reason.",
    );
    return failed.length === 0 ? 0 : 1;
  });
}

/**
 * When a source filter matched nothing: a hint if the stack has no such source. (A source removed
 * from the stack may still have deliveries in the quarantine, so the filter itself is not refused.)
 */
function unknownSource(source: string | undefined, outputs: Readonly<Record<string, string>>): string {
  const sources = Object.keys(outputs).flatMap((name) => (name.startsWith("endpoint-") ? [name.slice("endpoint-".length)] : []));
  if (source === undefined || sources.length === 0 || sources.includes(source)) return "";
  const meant = closest(source, sources);
  return ` The stack has no source "${source}"${meant ? ` (did you mean ${meant}?)` : ""}; it has ${sources.join(", ")}.`;
}

if (require.main === module) {
  const { argv, deps } = queueToolDependencies(process.argv.slice(2), process.env);
  void quarantine(argv, deps).then((code) => process.exit(code));
}
