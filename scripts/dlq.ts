/**
 * Inspect and redrive the dead-letter queue of a deployed stack, finding its queues from the
 * stack's Terraform outputs.
 *
 *   npm run dlq -- peek    [--stack <name>] [--max 10] [--body]
 *   npm run dlq -- redrive [--stack <name>] [--rate <messages per second>]
 *   npm run dlq -- status  [--stack <name>]
 *
 * With --local, the same commands work on the local twin (`npm run local`) instead.
 */
import { parseArgs } from "node:util";
import { SQSClient } from "@aws-sdk/client-sqs";
import { peek, queuesFromOutputs, redrive, redriveStatus } from "./lib/dead-letter-queue";
import { localTwinUrl, twinOutputs } from "./lib/local-twin";
import { readStackOutputs, stackDirectory, ToolError } from "./lib/stack-outputs";

export interface DlqDependencies {
  readonly sqs: SQSClient;
  readonly outputs: (stack: string | undefined) => Promise<Record<string, string>>;
  readonly print: (line: string) => void;
}

const USAGE = "usage: npm run dlq -- <peek|redrive|status> [--stack <name>] [--max <n>] [--body] [--rate <n>] [--local]";

/** Runs one command; returns the process exit code. Every failure is a sentence saying what to do. */
export async function dlq(argv: readonly string[], deps: DlqDependencies): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { stack: { type: "string" }, max: { type: "string", default: "10" }, body: { type: "boolean", default: false }, rate: { type: "string" } },
    });
  } catch (error) {
    deps.print(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (!["peek", "redrive", "status"].includes(command ?? "")) {
    deps.print(USAGE);
    return 2;
  }
  try {
    const queues = queuesFromOutputs(await deps.outputs(parsed.values.stack));
    if (command === "peek") {
      const messages = await peek(deps.sqs, queues, { max: Number(parsed.values.max), withBody: parsed.values.body ?? false });
      deps.print(messages.length === 0 ? "The dead-letter queue is empty." : messages.map((m) => JSON.stringify(m)).join("\n"));
    } else if (command === "redrive") {
      const rate = parsed.values.rate === undefined ? undefined : Number(parsed.values.rate);
      const { moving, taskHandle } = await redrive(deps.sqs, queues, { maxPerSecond: rate });
      deps.print(
        moving === 0
          ? "The dead-letter queue is empty: nothing to redrive."
          : `Moving about ${moving} message(s) back to the queue (task ${taskHandle}); follow it with \`npm run dlq -- status\`.`,
      );
    } else {
      const tasks = await redriveStatus(deps.sqs, queues);
      deps.print(tasks.length === 0 ? "No redrive has run." : tasks.map((t) => JSON.stringify(t)).join("\n"));
    }
    return 0;
  } catch (error) {
    deps.print(explain(error as Error));
    return 1;
  }
}

/** What an operator should read for a failure. */
function explain(error: Error): string {
  if (error instanceof ToolError) return error.message;
  if (error.name === "CredentialsProviderError") {
    return "No AWS credentials found: set AWS_PROFILE (or run `aws sso login`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";
  }
  if (/AccessDenied/.test(error.name)) return `AWS denied the call (${error.message}): your credentials need SQS access to the stack's queues.`;
  return `${error.name}: ${error.message}`;
}

if (require.main === module) {
  const outDir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const argv = process.argv.slice(2);
  const local = argv.includes("--local");
  const twinUrl = localTwinUrl(process.env);
  dlq(
    argv.filter((arg) => arg !== "--local"),
    local
      ? {
          sqs: new SQSClient({ endpoint: twinUrl, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } }),
          outputs: () => twinOutputs(twinUrl),
          print: (line) => console.log(line),
        }
      : {
          sqs: new SQSClient({}),
          outputs: (stack) => readStackOutputs(stackDirectory(outDir, stack)),
          print: (line) => console.log(line),
        },
  ).then((code) => process.exit(code));
}
