import { generateKeyPairSync } from "node:crypto";
import { SCHEMES, schemeOf } from "../../senders";
import { postUrl, signMessage } from "../../senders/signing";
import { verificationSchema } from "../../senders/verification";
import { signatureFields } from "../../senders/mailgun";
import { signedParameters } from "../../senders/twilio";
import type { SignedContent } from "../../senders/scheme";

/** What each sender's verification is tested on, where it is not a vector derived from its documentation. */
const VECTORS: Record<string, string> = {
  github: "GitHub's documented example",
  stripe: "the official `stripe` library, both ways",
  "standard-webhooks": "the specification's vector and the official `standardwebhooks` library",
  slack: "Slack's worked example",
  shopify: "the official `@shopify/shopify-api` library",
  twilio: "Twilio's helper-library vectors (form, repeated fields, JSON)",
  hmac: "RFC 4231 and RFC 2202",
  discord: "the official `discord-interactions` library, both ways",
  sendgrid: "the official `@sendgrid/eventwebhook` library's vector, and the library on the project's signatures",
  mailgun: "derived from its documentation (signature in the body)",
  "microsoft-graph": "the notification shape of its documentation",
  "basic-auth": "RFC 7617's example",
  "api-key": "its own cases",
};

const code = (text: string) => `\`${text}\``;

/**
 * What a replay claim is keyed on, in words: the verdict's signed content, each part named by the
 * value of the message it is (the body, the timestamp, the id, the URL), literal text quoted.
 */
function claimedOn(signed: SignedContent, known: readonly (readonly [label: string, value: string | Buffer])[]): string {
  const words = signed.flatMap((part) => {
    const named = known.find(([, value]) => (Buffer.isBuffer(value) ? Buffer.isBuffer(part) && value.equals(part) : part === value));
    if (named) return [named[0]];
    if (Buffer.isBuffer(part) || part === "") return part.length === 0 ? [] : ["bytes"];
    // Text made of known values and separators, such as Standard Webhooks' "<id>.<timestamp>.".
    const texts = known.filter((k): k is readonly [string, string] => typeof k[1] === "string" && k[1] !== "");
    const pattern = new RegExp(`(${texts.map(([, v]) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`);
    return part.split(pattern).filter((piece) => piece !== "").map((piece) => texts.find(([, v]) => v === piece)?.[0] ?? code(piece));
  });
  return words.join(" + ");
}

/** What senders that sign with a private key need to be tried: a key pair, as their settings and signers take it. */
function keyPair(name: string): { settings: object; secret: string } | undefined {
  if (name === "discord") {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const raw = (der: Buffer) => der.subarray(-32).toString("hex");
    return { settings: { publicKey: raw(publicKey.export({ format: "der", type: "spki" })) }, secret: raw(privateKey.export({ format: "der", type: "pkcs8" })) };
  }
  if (name === "sendgrid") {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    return { settings: { publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64") }, secret: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64") };
  }
  return undefined;
}

/**
 * Every sender the project verifies, as a Markdown table. Headers, delivery id and event type come
 * from each scheme; replay protection is found by trying it: a genuine delivery received an hour
 * late (rejected: a timestamp window), or with its id header changed (rejected: a signed id).
 */
export function sendersTable(): string {
  const rows = Object.keys(SCHEMES).map((name) => {
    const keys = keyPair(name);
    const settings = verificationSchema.parse({ scheme: name, ...keys?.settings });
    const scheme = schemeOf(settings);
    const secret = keys?.secret ?? (name === "basic-auth" || name === "postmark" ? "user:password" : "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const body = Buffer.from('{"id":"evt_1"}');
    const url = postUrl(settings, "https://hooks.example.com/v1/webhooks/x", body, scheme.contentTypes[0]);
    const message = { body, url, timestamp: 1_764_000_000, id: "msg_1" };
    const posted = signMessage(settings, message, secret);
    const headers = posted.headers;
    const verdict = (receivedAt: number, sent = headers) => scheme.verify({ body: posted.body, url, receivedAt, headers: sent }, settings, [secret]);
    const window = verdict((message.timestamp + 3_600) * 1000);
    const idHeader = scheme.deliveryIdHeader(settings);
    const signedId = idHeader !== undefined && idHeader in headers && !verdict(message.timestamp * 1000, { ...headers, [idHeader]: "msg_2" }).ok;
    const replay = [
      ...(!window.ok ? [`timestamp window (${"toleranceSeconds" in settings ? settings.toleranceSeconds : 300} s)`] : []),
      ...(signedId ? ["signed id"] : []),
    ];
    const deliveryId = idHeader ? code(idHeader) : scheme.deliveryIdField ? `body ${code(scheme.deliveryIdField)}` : "API request id";
    const genuine = verdict(message.timestamp * 1000);
    if (!genuine.ok) throw new Error(`${name}: its signer's delivery does not verify`);
    const times = [String(message.timestamp), String(message.timestamp * 1000), new Date(message.timestamp * 1000).toISOString()];
    const mailgun = signatureFields(posted.body);
    const known: [string, string | Buffer][] = [
      ["body", posted.body],
      ...times.map((t): [string, string] => ["timestamp", t]),
      ["id", message.id],
      ["URL", url],
      ...(mailgun ? ([["body's `signature.token`", mailgun.token]] as [string, string][]) : []),
      ...(name === "twilio" ? ([["form parameters, sorted", signedParameters(url, posted.body)]] as [string, string][]) : []),
    ];
    const claim = claimedOn(genuine.signed, known);
    const eventType = !scheme.eventType ? "" : "header" in scheme.eventType ? code(scheme.eventType.header) : `body ${code(scheme.eventType.field)}`;
    const read = scheme.headers(settings).map(code).join(", ") || (name === "microsoft-graph" ? "the body's `clientState`s" : "the body's `signature`");
    const handshake = !scheme.handshake ? "" : `${scheme.handshake.method}${scheme.handshake.optional ? " (with `handshake: true`)" : ""}`;
    return `| ${code(name)} | ${read} | ${replay.join(", ") || "replay claims only"} | ${claim} | ${deliveryId} | ${eventType} | ${handshake} | ${VECTORS[name] ?? "derived from its documentation"} |`;
  });
  return [
    "| scheme | headers read | replay protection | replay claim keyed on | delivery id | event type | handshake | tested on |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
