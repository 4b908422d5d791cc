import { SQSClient } from "@aws-sdk/client-sqs";
import { localTwinUrl, twinOutputs } from "./local-twin";
import { readStackOutputs, stackDirectory, ToolError } from "./stack-outputs";
import { storedBodies } from "../../delivery/stored-bodies";
import type { ReadStored } from "./envelope-summary";
import { readCommandLine, reportToolError, type CommandLine, type CommandLineSpec, type ToolOption } from "./command-line";
import { terminalPrinter } from "./terminal";

/**
 * Runs a queue tool: reads its command line (help and usage errors answered as every tool answers
 * them), then `run`; an AWS failure becomes a sentence saying what to do, and exit 1.
 */
export async function runQueueTool<Options extends Record<string, ToolOption>>(
  argv: readonly string[],
  deps: QueueToolDependencies,
  spec: CommandLineSpec<Options>,
  run: (commandLine: CommandLine<Options>, print: (line: string) => void) => Promise<number>,
): Promise<number> {
  const print = terminalPrinter(deps.print);
  let parsed: CommandLine<Options>;
  try {
    parsed = readCommandLine(argv, spec);
  } catch (error) {
    return reportToolError(error, print, print);
  }
  try {
    return await run(parsed, print);
  } catch (error) {
    print(explainFailure(error as Error));
    return 1;
  }
}

/** What the queue tools (`npm run dlq`, `npm run quarantine`) work with. */
export interface QueueToolDependencies {
  readonly sqs: SQSClient;
  /** The stack's outputs: a deployed stack's, by name if there are several, or the twin's. */
  readonly outputs: (stack: string | undefined) => Promise<Record<string, string>>;
  /** Where lines go; the tools write every line's controls visibly before they hand it over. */
  readonly print: (line: string) => void;
  /** The twin's address, with `--local`: its hints then say `--local`, and it tells why a message failed. */
  readonly twinUrl?: string;
  /** Reads a stored delivery's body from the payload bucket, for peeks. @default stored bodies are described by their pointer */
  readonly readStored?: ReadStored;
}

/**
 * A tool's dependencies from its command line and environment: a deployed stack's queues, found
 * from its Terraform outputs, or with `--local` the running twin's. Returns the arguments left.
 */
export function queueToolDependencies(argv: readonly string[], env: NodeJS.ProcessEnv): { argv: string[]; deps: QueueToolDependencies } {
  const print = (line: string) => console.log(line);
  const rest = argv.filter((arg) => arg !== "--local");
  if (rest.length === argv.length) {
    const outDir = env.CDKTF_OUTDIR ?? "cdktf.out";
    return { argv: rest, deps: { sqs: new SQSClient({}), outputs: (stack) => readStackOutputs(stackDirectory(outDir, stack)), print, readStored: storedBodies() } };
  }
  const twinUrl = localTwinUrl(env);
  return {
    argv: rest,
    deps: {
      sqs: new SQSClient({ endpoint: twinUrl, ...LOCAL_CREDENTIALS }),
      readStored: storedBodies({ endpoint: twinUrl, forcePathStyle: true, ...LOCAL_CREDENTIALS }),
      outputs: () => twinOutputs(twinUrl),
      print,
      twinUrl,
    },
  };
}

/** Any credentials do for the twin: it checks none. */
const LOCAL_CREDENTIALS = { region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } };

/** What an operator should read for a failure. */
export function explainFailure(error: Error): string {
  if (error instanceof ToolError) return error.message;
  if (error.name === "CredentialsProviderError") {
    return "No AWS credentials found: set AWS_PROFILE (or run `aws sso login`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";
  }
  if (/AccessDenied/.test(error.name)) return `AWS denied the call (${error.message}): your credentials need SQS access to the stack's queues.`;
  return `${error.name}: ${error.message}`;
}
