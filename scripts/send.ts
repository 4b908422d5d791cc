/**
 * Signs a payload with a source's scheme and secret, as its sender would, and posts it: to the
 * local twin by default, or to a deployed endpoint with --url.
 *
 *   npm run send -- --source github --event push [--file payload.json] [--url <endpoint>]
 *                   [--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>]
 *
 * The secret comes from --secret, else WEBHOOK_SECRET_<SOURCE>, else local.secrets.json.
 */
import "./lib/node-support";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { LOCAL_SECRETS_FILE, readLocalSecrets, secretVariable, senderSecrets } from "../local/local-secrets";
import { SourceSecretError } from "../senders/source-secret";
import type { SourceSettings } from "../delivery/source-settings";
import { closest } from "../delivery/zod-issues";
import { signerOf } from "../senders/signing";
import { deliveryIdWarning, postDelivery, SenderError, signDelivery, sourcesOfStack } from "../local/sender";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { terminalPrinter } from "./lib/terminal";
import { readCommandLine, reportToolError, type CommandLineSpec, type ToolOption } from "./lib/command-line";
import { localTwinUrl, twinOutputs, twinStackDirectory } from "./lib/local-twin";
import { stackDirectory, ToolError } from "./lib/stack-outputs";

const COMMAND_LINE = {
  description: "Signs a payload as the source's sender does, with its scheme and secret, and posts it to the local twin (or a deployed endpoint, with --url).",
  usage:
    "usage: npm run send -- --source <name> [--file <payload> | --body <text>, default examples/payloads/<name>.json] [--event <type>] [--url <endpoint>] " +
    "[--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>] [--handshake]",
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
  },
  across: (values) => [
    ...(values.handshake && (values.file !== undefined || values.body !== undefined) ? ["--handshake: the sender's handshake has its own request; drop --file and --body"] : []),
    ...(values.source === undefined ? ["--source: needed"] : []),
    ...(values.file !== undefined && values.body !== undefined ? ["--file and --body: give one, not both"] : []),
  ],
} as const satisfies CommandLineSpec<Record<string, ToolOption>>;

export async function send(argv: readonly string[], env: NodeJS.ProcessEnv, printRaw: (line: string) => void): Promise<number> {
  // The answer and its echoes are the endpoint's to choose.
  const print = terminalPrinter(printRaw);
  const { values } = readCommandLine(argv, COMMAND_LINE);
  const source = values.source!;
  // Posting to the twin, sign as the stack it serves; to a deployed endpoint, as the stack named.
  const toTwin = values.url === undefined && values.stack === undefined;
  const stackDir = toTwin ? await twinStackDirectory(localTwinUrl(env)) : stackDirectory(env.CDKTF_OUTDIR ?? "cdktf.out", values.stack);
  const sources = sourcesOfStack(readSynthesizedStack(stackDir));
  const settings = sources[source];
  if (!settings) {
    const meant = closest(source, Object.keys(sources));
    throw new ToolError(`The stack has no source "${source}"${meant ? ` (did you mean ${meant}?)` : ""}; it has: ${Object.keys(sources).join(", ")}.`);
  }
  const warning = values["delivery-id"] !== undefined ? deliveryIdWarning(source, settings) : undefined;
  if (warning) print(warning);

  const secretString = values.secret ?? readLocalSecrets([source], path.resolve(LOCAL_SECRETS_FILE), env).secrets[source];
  if (secretString === undefined) throw new ToolError(`No secret for ${source}: pass --secret, set ${secretVariable(source)}, or add it to ${LOCAL_SECRETS_FILE}.`);
  const url = values.url ?? (await twinEndpoint(localTwinUrl(env), source));
  const secret = senderSecret(source, secretString, settings);
  if (values.handshake) return handshake(source, settings, url, secret.handshake, print);
  const body = values.body !== undefined ? Buffer.from(values.body) : readFileSync(values.file ?? examplePayload(source));

  const delivery = signDelivery(settings, {
    url,
    body,
    secret: secret.delivery,
    event: values.event,
    deliveryId: values["delivery-id"],
    contentType: values["content-type"],
  });
  print(`POST ${delivery.url} (${body.length} bytes; headers: ${Object.keys(delivery.headers).join(", ")})`);
  const answer = await postDelivery(delivery);
  print(`${answer.status} ${answer.body}`);
  return answer.status < 300 ? 0 : 1;
}

/**
 * Makes the source's sender's handshake (Slack's url_verification, Meta's subscription check...)
 * and judges the answer as the sender would: 0 when it would accept it.
 */
async function handshake(source: string, settings: SourceSettings, url: string, secret: string, print: (line: string) => void): Promise<number> {
  const signer = signerOf(settings.verification);
  if (!signer.handshake) throw new ToolError(`${source}'s sender makes no handshake.`);
  const made = signer.handshake(settings.verification, secret, { body: Buffer.alloc(0), url, timestamp: Math.floor(Date.now() / 1000), id: randomUUID() });
  const target = Object.keys(made.query).length > 0 ? `${url}?${new URLSearchParams(made.query)}` : url;
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

/** Where the sample payload of a source sits; without --file or --body, send posts it. */
export const EXAMPLE_PAYLOADS = path.resolve(__dirname, "../examples/payloads");

function examplePayload(source: string): string {
  const file = path.join(EXAMPLE_PAYLOADS, `${source}.json`);
  if (!existsSync(file)) throw new ToolError(`No sample payload for ${source} (${file}): give --file <payload> or --body <text>.`);
  return file;
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
      process.exit(reportToolError(error instanceof SenderError || error?.code === "ENOENT" ? new ToolError(error.message) : error));
    },
  );
}
