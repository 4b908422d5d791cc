/**
 * Inspect and redrive the dead-letter queue of a deployed stack, finding its queues from the
 * stack's Terraform outputs.
 *
 *   npm run dlq -- peek    [--stack <name>] [--max 10] [--body]
 *   npm run dlq -- redrive [--stack <name>] [--rate <messages per second>] [--id <message id>: just that one]
 *   npm run dlq -- status  [--stack <name>]
 *
 * With --local, the same commands work on the local twin (`npm run local`) instead.
 */
import "./lib/node-support";
import { wholeNumberAtLeast } from "./lib/command-line";
import { twinDeliveryOutcome } from "./lib/local-twin";
import { peek, queuesFromOutputs, redrive, redriveMessage, redriveStatus } from "./lib/dead-letter-queue";
import { queueToolDependencies, runQueueTool, type QueueToolDependencies } from "./lib/queue-tool";

const COMMAND_LINE = {
  description: "Looks into the dead-letter queue of a deployed stack (or of the local twin, with --local) and moves its messages back to the queue.",
  usage: "usage: npm run dlq -- <peek|redrive|status> [--stack <name>] [--max <n>] [--body] [--rate <n>] [--id <message id>] [--local]",
  commands: ["peek", "redrive", "status"],
  options: {
    stack: { type: "string" },
    max: { type: "string", default: "10", check: wholeNumberAtLeast(1) },
    body: { type: "boolean" },
    rate: { type: "string", check: wholeNumberAtLeast(1) },
    id: { type: "string" },
    // Read by queueToolDependencies before the command line is; listed so that a misspelling is caught.
    local: { type: "boolean" },
  },
} as const;

/** Runs one command; returns the process exit code. Every failure is a sentence saying what to do. */
export function dlq(argv: readonly string[], deps: QueueToolDependencies): Promise<number> {
  return runQueueTool(argv, deps, COMMAND_LINE, async ({ command, values }, print) => {
    const queues = queuesFromOutputs(await deps.outputs(values.stack));
    if (command === "peek") {
      const messages = await withLastFailures(await peek(deps.sqs, queues, { max: Number(values.max), withBody: values.body, readStored: deps.readStored }), deps.twinUrl);
      print(messages.length === 0 ? "The dead-letter queue is empty." : messages.map((m) => JSON.stringify(m)).join("\n"));
    } else if (command === "redrive" && values.id !== undefined) {
      const moved = await redriveMessage(deps.sqs, queues, values.id);
      print(moved ? `Moved ${values.id} back to the queue.` : `No message ${values.id} in the dead-letter queue.`);
      if (!moved) return 1;
    } else if (command === "redrive") {
      const rate = values.rate === undefined ? undefined : Number(values.rate);
      const { moving, taskHandle } = await redrive(deps.sqs, queues, { maxPerSecond: rate });
      print(
        moving === 0
          ? "The dead-letter queue is empty: nothing to redrive."
          : `Moving about ${moving} message(s) back to the queue (task ${taskHandle}); follow it with \`npm run dlq -- status${deps.twinUrl ? " --local" : ""}\`.`,
      );
    } else {
      const tasks = await redriveStatus(deps.sqs, queues);
      print(tasks.length === 0 ? "No redrive has run." : tasks.map((t) => JSON.stringify(t)).join("\n"));
    }
    return 0;
  });
}

/**
 * On the twin, each message with why it last failed, as the twin saw it. (A deployed stack keeps
 * that in the functions' logs, by message id: docs/operations.md "The dead-letter queue".)
 */
async function withLastFailures<M extends { messageId: string }>(messages: M[], twinUrl: string | undefined): Promise<(M & { lastFailure?: string })[]> {
  if (!twinUrl) return messages;
  return Promise.all(
    messages.map(async (message) => {
      const reason = (await twinDeliveryOutcome(twinUrl, message.messageId))?.reason;
      return reason ? { ...message, lastFailure: reason } : message;
    }),
  );
}

if (require.main === module) {
  const { argv, deps } = queueToolDependencies(process.argv.slice(2), process.env);
  void dlq(argv, deps).then((code) => process.exit(code));
}
