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
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { LOCAL_SECRETS_FILE, readLocalSecrets, secretVariable, signingSecret } from "../local/local-secrets";
import { closest } from "../delivery/zod-issues";
import { deliveryIdWarning, postDelivery, SenderError, signDelivery, sourcesOfStack } from "../local/sender";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { readCommandLine, reportToolError, type CommandLineSpec, type ToolOption } from "./lib/command-line";
import { localTwinUrl, twinOutputs, twinStackDirectory } from "./lib/local-twin";
import { stackDirectory, ToolError } from "./lib/stack-outputs";

const COMMAND_LINE = {
  description: "Signs a payload as the source's sender does, with its scheme and secret, and posts it to the local twin (or a deployed endpoint, with --url).",
  usage:
    "usage: npm run send -- --source <name> [--file <payload> | --body <text>, default examples/payloads/<name>.json] [--event <type>] [--url <endpoint>] " +
    "[--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>]",
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
  },
  across: (values) => [
    ...(values.source === undefined ? ["--source: needed"] : []),
    ...(values.file !== undefined && values.body !== undefined ? ["--file and --body: give one, not both"] : []),
  ],
} as const satisfies CommandLineSpec<Record<string, ToolOption>>;

export async function send(argv: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
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
  const body = values.body !== undefined ? Buffer.from(values.body) : readFileSync(values.file ?? examplePayload(source));
  const url = values.url ?? (await twinEndpoint(localTwinUrl(env), source));

  const delivery = signDelivery(settings, {
    url,
    body,
    secret: signingSecret(secretString),
    event: values.event,
    deliveryId: values["delivery-id"],
    contentType: values["content-type"],
  });
  print(`POST ${delivery.url} (${body.length} bytes; headers: ${Object.keys(delivery.headers).join(", ")})`);
  const answer = await postDelivery(delivery);
  print(`${answer.status} ${answer.body}`);
  return answer.status < 300 ? 0 : 1;
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
  send(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error) => {
      process.exit(reportToolError(error instanceof SenderError || error?.code === "ENOENT" ? new ToolError(error.message) : error));
    },
  );
}
