/**
 * Signs a payload with a source's scheme and secret, as its sender would, and posts it: to the
 * local twin by default, or to a deployed endpoint with --url.
 *
 *   npm run send -- --source github [--event push] [--file <payload>] [--fresh] [--size 5MiB] [--no-wait] [--port 3000]
 *                   [--url <endpoint>] [--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>]
 *
 * Without --file or --body it posts the source's sample payload (examples/payloads). On the twin it
 * then waits for the delivery's outcome and exits 0 only when it was processed.
 * The secret comes from --secret, else WEBHOOK_SECRET_<SOURCE>, else local.secrets.json.
 */
import "./lib/node-support";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { DeliveryOutcome } from "../local/delivery-outcomes";
import { paddedTo, parseByteSize, samplePayload, type Sample } from "../local/sample-payload";
import { schemeOf } from "../senders";
import { LOCAL_SECRETS_FILE, LocalSecretsError, localSecretsFile, readLocalSecrets, secretVariable, senderSecrets } from "../local/local-secrets";
import { SourceSecretError } from "../senders/source-secret";
import type { SourceSettings } from "../delivery/source-settings";
import { closest } from "../delivery/zod-issues";
import { signerOf } from "../senders/signing";
import { deliveryIdWarning, postDelivery, SenderError, signDelivery, sourcesOfStack } from "../local/sender";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { terminalPrinter } from "./lib/terminal";
import { readCommandLine, reportToolError, type CommandLineSpec, type ToolOption } from "./lib/command-line";
import { localTwinUrl, twinDeliveryOutcome, twinOutputs, twinStackDirectory } from "./lib/local-twin";
import { stackDirectory, ToolError } from "./lib/stack-outputs";

/** How long send waits for the twin's verdict: a retry's visibility timeout is longer, and is reported as one. */
const WAIT_SECONDS = 30;

const COMMAND_LINE = {
  description:
    "Signs a payload as the source's sender does, with its scheme and secret, and posts it to the local twin (or a deployed endpoint, with --url). " +
    `On the twin it waits up to ${WAIT_SECONDS} s for the outcome (processed, quarantined, retried, dead-lettered) and exits 0 only when the delivery was processed.`,
  usage:
    "usage: npm run send -- --source <name> [--file <payload> | --body <text>, default: the source's sample in examples/payloads] [--fresh] [--event <type>] " +
    "[--size <bytes, such as 5MiB>] [--no-wait] [--port <twin port> | --url <endpoint>] [--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>] [--handshake]",
  options: {
    source: { type: "string" },
    file: { type: "string" },
    body: { type: "string" },
    event: { type: "string" },
    url: { type: "string" },
    secret: { type: "string" },
    "delivery-id": { type: "string" },
    "content-type": { type: "string" },
    stack: { type: "string" },
    handshake: { type: "boolean" },
    fresh: { type: "boolean" },
    "no-wait": { type: "boolean" },
    size: { type: "string", check: (size: string) => (parseByteSize(size) !== undefined ? undefined : "must be a size such as 200KiB, 5MiB or 10MB") },
    port: { type: "string", check: (port: string) => (/^\d{1,5}$/.test(port) && Number(port) <= 65535 ? undefined : "must be a port number") },
  },
  across: (values) => [
    ...(values.handshake && (values.file !== undefined || values.body !== undefined) ? ["--handshake: the sender's handshake has its own request; drop --file and --body"] : []),
    ...(values.source === undefined ? ["--source: needed"] : []),
    ...(values.file !== undefined && values.body !== undefined ? ["--file and --body: give one, not both"] : []),
    ...(values.fresh && (values.file !== undefined || values.body !== undefined) ? ["--fresh: varies the sample; drop --file and --body"] : []),
    ...(values.size !== undefined && (values.file !== undefined || values.body !== undefined) ? ["--size: pads the sample; drop --file and --body"] : []),
    ...(values.port !== undefined && (values.url !== undefined || values.stack !== undefined) ? ["--port: names the twin's port; drop --url and --stack"] : []),
  ],
} as const satisfies CommandLineSpec<Record<string, ToolOption>>;

export async function send(argv: readonly string[], env: NodeJS.ProcessEnv, printRaw: (line: string) => void): Promise<number> {
  // The answer and its echoes are the endpoint's to choose.
  const print = terminalPrinter(printRaw);
  const { values } = readCommandLine(argv, COMMAND_LINE);
  const source = values.source!;
  // Posting to the twin, sign as the stack it serves; to a deployed endpoint, as the stack named.
  const toTwin = values.url === undefined && values.stack === undefined;
  const twinUrl = localTwinUrl(env, values.port);
  const stackDir = toTwin ? await twinStackDirectory(twinUrl) : stackDirectory(env.CDKTF_OUTDIR ?? "cdktf.out", values.stack);
  const sources = sourcesOfStack(readSynthesizedStack(stackDir));
  const settings = sources[source];
  if (!settings) {
    const meant = closest(source, Object.keys(sources));
    throw new ToolError(`The stack has no source "${source}"${meant ? ` (did you mean ${meant}?)` : ""}; it has: ${Object.keys(sources).join(", ")}.`);
  }
  const warning = values["delivery-id"] !== undefined ? deliveryIdWarning(source, settings) : undefined;
  if (warning) print(warning);

  const local = values.secret === undefined ? readLocalSecrets([source], localSecretsFile(env), env, Object.keys(sources)) : undefined;
  for (const stray of local?.strays ?? []) print(`! ${stray}`);
  const secretString = values.secret ?? local?.secrets[source];
  if (secretString === undefined) throw new ToolError(`No secret for ${source}: pass --secret, set ${secretVariable(source)}, or add it to ${LOCAL_SECRETS_FILE}.`);
  const url = values.url ?? (await twinEndpoint(twinUrl, source));
  const secret = senderSecret(source, secretString, settings);
  if (values.handshake) return handshake(source, settings, url, secret.handshake, print);
  const contentType = values["content-type"] ?? schemeOf(settings.verification).contentTypes[0];
  const sample = values.body === undefined && values.file === undefined ? sampleOf(source, settings, contentType, values.fresh) : undefined;
  const unpadded = values.body !== undefined ? Buffer.from(values.body) : values.file !== undefined ? readFileSync(values.file) : sample!.body;
  let body = unpadded;
  try {
    if (values.size !== undefined) body = paddedTo(unpadded, contentType, parseByteSize(values.size)!);
  } catch (error) {
    throw new ToolError(`--size: ${(error as Error).message}`);
  }

  const delivery = signDelivery(settings, {
    url,
    body,
    secret: secret.delivery,
    event: values.event ?? sample?.event,
    deliveryId: values["delivery-id"],
    contentType: values["content-type"],
  });
  print(`POST ${delivery.url} (${sample ? `${path.relative(process.cwd(), sample.file)}, ` : ""}${body.length} bytes; headers: ${Object.keys(delivery.headers).join(", ")})`);
  const answer = await postDelivery(delivery);
  print(`${answer.status} ${answer.body}`);
  if (answer.status >= 300) return 1;
  if (!toTwin || values["no-wait"]) return 0;
  return reportOutcome(twinUrl, deliveryIdOnTwin(answer.body), print);
}

/** Follows a queued delivery on the twin until its outcome, and says it: 0 only when processed. */
async function reportOutcome(twinUrl: string, messageId: string | undefined, print: (line: string) => void): Promise<number> {
  if (!messageId) {
    print("The twin's answer names no message id or stored delivery: its outcome cannot be followed (npm run local prints it).");
    return 1;
  }
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  let retriedSince: number | undefined;
  for (;;) {
    const outcome = await twinDeliveryOutcome(twinUrl, messageId);
    // A retry may come round at once (--fast-retries): a retried delivery is watched a moment longer.
    retriedSince = outcome?.status === "retried" ? (retriedSince ?? Date.now()) : undefined;
    const settled = outcome && (["processed", "quarantined", "dead-lettered"].includes(outcome.status) || Date.now() - (retriedSince ?? Infinity) > RETRY_WATCH_MS);
    if (settled || Date.now() > deadline) {
      print(outcomeLine(outcome));
      return outcome?.status === "processed" ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How long a retried delivery is watched for its next receive before send reports it as retried. */
const RETRY_WATCH_MS = 2_000;

function outcomeLine(outcome: DeliveryOutcome | undefined): string {
  const why = outcome?.reason ? `: ${outcome.reason}` : "";
  switch (outcome?.status) {
    case "processed":
      return "processed";
    case "quarantined":
      return `quarantined${why} (npm run quarantine -- peek --local)`;
    case "retried":
      return `retried${why} (receive ${outcome.receiveCount}); the queue tries it again after its visibility timeout (npm run local -- --fast-retries shortens it)`;
    case "dead-lettered":
      return `dead-lettered${why} (npm run dlq -- peek --local)`;
    default:
      return `still ${outcome?.status ?? "unseen"} after ${WAIT_SECONDS} s: the twin prints what follows`;
  }
}

/** What the twin follows a delivery by: the SQS message id of a queued one, the request id of a stored one. */
function deliveryIdOnTwin(answer: string): string | undefined {
  try {
    const { messageId, requestId, stored } = JSON.parse(answer) as { messageId?: unknown; requestId?: unknown; stored?: unknown };
    const id = stored === true ? requestId : messageId;
    return typeof id === "string" && id !== "" ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the source's sender's handshake (Slack's url_verification, Meta's subscription check...)
 * and judges the answer as the sender would: 0 when it would accept it.
 */
async function handshake(source: string, settings: SourceSettings, url: string, secret: string, print: (line: string) => void): Promise<number> {
  const signer = signerOf(settings.verification);
  if (!signer.handshake) throw new ToolError(`${source}'s sender makes no handshake.`);
  const made = signer.handshake(settings.verification, secret, { body: Buffer.alloc(0), url, timestamp: Math.floor(Date.now() / 1000), id: randomUUID() });
  const target = Object.keys(made.query).length > 0 ? `${url}?${new URLSearchParams(made.query).toString()}` : url;
  print(`${made.method} ${target} (${source}'s handshake)`);
  const response = await fetch(target, { method: made.method, headers: made.headers, ...(made.method === "POST" ? { body: made.body } : {}) });
  const answer = { status: response.status, body: await response.text() };
  print(`${answer.status} ${answer.body}`);
  const problem = made.check(answer);
  print(problem ? `The sender would refuse this answer: ${problem}` : "The sender would accept this answer.");
  return problem ? 1 : 0;
}

/** The values a sender signs and makes its handshake with; a secret of the wrong shape says what to store. */
function senderSecret(source: string, secretString: string, settings: SourceSettings): { delivery: string; handshake: string } {
  try {
    return senderSecrets(secretString, settings.verification);
  } catch (error) {
    if (error instanceof SourceSecretError) throw new ToolError(`${source}: ${error.message}.`);
    throw error;
  }
}

/** The source's sample payload; a sample that cannot be sent is a tool error. */
function sampleOf(source: string, settings: SourceSettings, contentType: string, fresh: boolean): Sample {
  try {
    return samplePayload(source, settings, contentType, fresh);
  } catch (error) {
    throw new ToolError((error as Error).message);
  }
}

/** The source's endpoint on the running twin. */
async function twinEndpoint(twinUrl: string, source: string): Promise<string> {
  const endpoint = (await twinOutputs(twinUrl))[`endpoint-${source}`];
  if (!endpoint) throw new ToolError(`The local twin at ${twinUrl} has no endpoint for ${source}: restart it after synthesizing.`);
  return endpoint;
}

if (require.main === module) {
  // send writes every line's controls visibly itself.
  send(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error) => {
      process.exit(reportToolError(error instanceof SenderError || error instanceof LocalSecretsError || error?.code === "ENOENT" ? new ToolError(error.message) : error));
    },
  );
}
