/**
 * Signs a payload with a source's scheme and secret, as its sender would, and posts it: to the
 * local twin by default, or to a deployed endpoint with --url.
 *
 *   npm run send -- --source github --event push --file payload.json [--url <endpoint>]
 *                   [--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>]
 *
 * The secret comes from --secret, else WEBHOOK_SECRET_<SOURCE>, else local.secrets.json.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LOCAL_SECRETS_FILE, readLocalSecrets, secretVariable, signingSecret } from "../local/local-secrets";
import { postDelivery, SenderError, signDelivery, sourcesOfStack } from "../local/sender";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { localTwinUrl, twinOutputs } from "./lib/local-twin";
import { stackDirectory, ToolError } from "./lib/stack-outputs";

const USAGE =
  "usage: npm run send -- --source <name> (--file <payload> | --body <text>) [--event <type>] [--url <endpoint>] " +
  "[--secret <secret>] [--delivery-id <id>] [--content-type <type>] [--stack <name>]";

export async function send(argv: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
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
  });
  if (!values.source || (values.file === undefined) === (values.body === undefined)) throw new ToolError(USAGE);
  const source = values.source;
  const sources = sourcesOfStack(readSynthesizedStack(stackDirectory(env.CDKTF_OUTDIR ?? "cdktf.out", values.stack)));
  const settings = sources[source];
  if (!settings) throw new ToolError(`The stack has no source "${source}"; it has: ${Object.keys(sources).join(", ")}.`);

  const secretString = values.secret ?? readLocalSecrets([source], path.resolve(LOCAL_SECRETS_FILE), env).secrets[source];
  if (secretString === undefined) throw new ToolError(`No secret for ${source}: pass --secret, set ${secretVariable(source)}, or add it to ${LOCAL_SECRETS_FILE}.`);
  const body = values.file !== undefined ? readFileSync(values.file) : Buffer.from(values.body!);
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
      const known = error instanceof ToolError || error instanceof SenderError || error?.code?.startsWith?.("ERR_PARSE_ARGS") || error?.code === "ENOENT";
      console.error(known ? error.message : error);
      process.exit(2);
    },
  );
}
