import { createHmac } from "node:crypto";
import { SCHEMES, schemeOf } from "../../senders";
import { signerOf } from "../../senders/signing";
import { verificationSchema } from "../../senders/verification";
import { describeTampering } from "../support/schemes";

/**
 * Each named sender on a vector derived from its documentation (cited in its file): the signature
 * headers are computed here with node:crypto, step by step as the sender's page describes, not with
 * the project's code; then the scheme must accept them, the project's signer must produce them,
 * and every tampering must fail. Senders tested on their own libraries' or published vectors have
 * their own test files.
 */
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY = Buffer.from('{"id":"evt_1","type":"thing.happened","event":"thing.happened","data":{"n":1}}');
const AT = 1_764_000_000;
const URL = "https://hooks.example.com/v1/webhooks/sender";
const ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f1W";

const mac = (algorithm: string, key: string | Buffer, data: (string | Buffer)[]) => data.reduce((h, d) => h.update(d), createHmac(algorithm, key)).digest();
const hex = (algorithm: string, data: (string | Buffer)[], key: string | Buffer = SECRET) => mac(algorithm, key, data).toString("hex");
const b64 = (algorithm: string, data: (string | Buffer)[], key: string | Buffer = SECRET) => mac(algorithm, key, data).toString("base64");

interface Vector {
  readonly headers: Record<string, string>;
  /** The header whose value tampering flips. */
  readonly signatureHeader: string;
  /** The secret, when the sender's is not SECRET as a string. */
  readonly secret?: string;
  readonly timestamped?: boolean;
  readonly coversBody?: boolean;
}

const svixKey = Buffer.from(SECRET.slice("whsec_".length), "base64");
const iso = new Date(AT * 1000).toISOString();

const VECTORS: Record<string, Vector> = {
  linear: { headers: { "linear-signature": hex("sha256", [BODY]) }, signatureHeader: "linear-signature" },
  intercom: { headers: { "x-hub-signature": `sha1=${hex("sha1", [BODY])}` }, signatureHeader: "x-hub-signature" },
  "lemon-squeezy": { headers: { "x-signature": hex("sha256", [BODY]) }, signatureHeader: "x-signature" },
  segment: { headers: { "x-signature": hex("sha1", [BODY]) }, signatureHeader: "x-signature" },
  bitbucket: { headers: { "x-hub-signature": `sha256=${hex("sha256", [BODY])}` }, signatureHeader: "x-hub-signature" },
  jira: { headers: { "x-hub-signature": `sha256=${hex("sha256", [BODY])}` }, signatureHeader: "x-hub-signature" },
  notion: { headers: { "x-notion-signature": `sha256=${hex("sha256", [BODY])}` }, signatureHeader: "x-notion-signature" },
  typeform: { headers: { "typeform-signature": `sha256=${b64("sha256", [BODY])}` }, signatureHeader: "typeform-signature" },
  vercel: { headers: { "x-vercel-signature": hex("sha1", [BODY]) }, signatureHeader: "x-vercel-signature" },
  sentry: { headers: { "sentry-hook-signature": hex("sha256", [BODY]) }, signatureHeader: "sentry-hook-signature" },
  pagerduty: { headers: { "x-pagerduty-signature": `v1=${hex("sha256", [BODY])}` }, signatureHeader: "x-pagerduty-signature" },
  woocommerce: { headers: { "x-wc-webhook-signature": b64("sha256", [BODY]) }, signatureHeader: "x-wc-webhook-signature" },
  dropbox: { headers: { "x-dropbox-signature": hex("sha256", [BODY]) }, signatureHeader: "x-dropbox-signature" },
  "coinbase-commerce": { headers: { "x-cc-webhook-signature": hex("sha256", [BODY]) }, signatureHeader: "x-cc-webhook-signature" },
  circleci: { headers: { "circleci-signature": `v1=${hex("sha256", [BODY])}` }, signatureHeader: "circleci-signature" },
  docusign: { headers: { "x-docusign-signature-1": b64("sha256", [BODY]) }, signatureHeader: "x-docusign-signature-1" },
  xero: { headers: { "x-xero-signature": b64("sha256", [BODY]) }, signatureHeader: "x-xero-signature" },
  gitea: { headers: { "x-gitea-signature": hex("sha256", [BODY]) }, signatureHeader: "x-gitea-signature" },
  asana: { headers: { "x-hook-signature": hex("sha256", [BODY]) }, signatureHeader: "x-hook-signature" },
  zoom: {
    headers: { "x-zm-signature": `v0=${hex("sha256", [`v0:${AT}:`, BODY])}`, "x-zm-request-timestamp": String(AT) },
    signatureHeader: "x-zm-signature",
    timestamped: true,
  },
  twitch: {
    headers: {
      "twitch-eventsub-message-signature": `sha256=${hex("sha256", [ID, iso, BODY])}`,
      "twitch-eventsub-message-id": ID,
      "twitch-eventsub-message-timestamp": iso,
    },
    signatureHeader: "twitch-eventsub-message-signature",
    timestamped: true,
  },
  webflow: {
    headers: { "x-webflow-signature": hex("sha256", [`${AT * 1000}:`, BODY]), "x-webflow-timestamp": String(AT * 1000) },
    signatureHeader: "x-webflow-signature",
    timestamped: true,
  },
  square: { headers: { "x-square-hmacsha256-signature": b64("sha256", [URL, BODY]) }, signatureHeader: "x-square-hmacsha256-signature" },
  hubspot: {
    headers: { "x-hubspot-signature-v3": b64("sha256", ["POST", URL, BODY, String(AT * 1000)]), "x-hubspot-request-timestamp": String(AT * 1000) },
    signatureHeader: "x-hubspot-signature-v3",
    timestamped: true,
  },
  trello: { headers: { "x-trello-webhook": b64("sha1", [BODY, URL]) }, signatureHeader: "x-trello-webhook" },
  zendesk: {
    headers: { "x-zendesk-webhook-signature": b64("sha256", [iso, BODY]), "x-zendesk-webhook-signature-timestamp": iso },
    signatureHeader: "x-zendesk-webhook-signature",
    timestamped: true,
  },
  paddle: { headers: { "paddle-signature": `ts=${AT};h1=${hex("sha256", [`${AT}:`, BODY])}` }, signatureHeader: "paddle-signature", timestamped: true },
  calendly: { headers: { "calendly-webhook-signature": `t=${AT},v1=${hex("sha256", [`${AT}.`, BODY])}` }, signatureHeader: "calendly-webhook-signature", timestamped: true },
  mux: { headers: { "mux-signature": `t=${AT},v1=${hex("sha256", [`${AT}.`, BODY])}` }, signatureHeader: "mux-signature", timestamped: true },
  buildkite: {
    headers: { "x-buildkite-signature": `timestamp=${AT},signature=${hex("sha256", [`${AT}.`, BODY])}` },
    signatureHeader: "x-buildkite-signature",
    timestamped: true,
  },
  resend: {
    headers: { "svix-id": ID, "svix-timestamp": String(AT), "svix-signature": `v1,${b64("sha256", [`${ID}.${AT}.`, BODY], svixKey)}` },
    signatureHeader: "svix-signature",
    timestamped: true,
  },
  clerk: {
    headers: { "svix-id": ID, "svix-timestamp": String(AT), "svix-signature": `v1,${b64("sha256", [`${ID}.${AT}.`, BODY], svixKey)}` },
    signatureHeader: "svix-signature",
    timestamped: true,
  },
  meta: { headers: { "x-hub-signature-256": `sha256=${hex("sha256", [BODY])}` }, signatureHeader: "x-hub-signature-256" },
  x: { headers: { "x-twitter-webhooks-signature": `sha256=${b64("sha256", [BODY])}` }, signatureHeader: "x-twitter-webhooks-signature" },
  gitlab: { headers: { "x-gitlab-token": "glwt-secret-token-1234" }, signatureHeader: "x-gitlab-token", secret: "glwt-secret-token-1234", coversBody: false },
  telegram: { headers: { "x-telegram-bot-api-secret-token": "tg_secret-Token_42" }, signatureHeader: "x-telegram-bot-api-secret-token", secret: "tg_secret-Token_42", coversBody: false },
  postmark: {
    headers: { authorization: `Basic ${Buffer.from("hooks:pm-s3cret").toString("base64")}` },
    signatureHeader: "authorization",
    secret: "hooks:pm-s3cret",
    coversBody: false,
  },
};

/** Senders with their own test files: their libraries' or published vectors. */
const OWN_TESTS = new Set(["github", "stripe", "standard-webhooks", "slack", "shopify", "twilio", "hmac", "basic-auth", "api-key", "discord", "sendgrid", "mailgun", "microsoft-graph"]);

it("has a vector for every named sender without its own test file", () => {
  expect(Object.keys(VECTORS).sort()).toEqual(Object.keys(SCHEMES).filter((name) => !OWN_TESTS.has(name)).sort());
});

describe.each(Object.entries(VECTORS))("%s, on a vector derived from its documentation", (name, vector) => {
  const settings = verificationSchema.parse({ scheme: name });
  const scheme = schemeOf(settings);
  const secret = vector.secret ?? SECRET;
  const message = { body: BODY, url: URL, timestamp: AT, id: ID };

  it("accepts the documented signature, and the project's signer writes exactly it", () => {
    expect(scheme.verify({ body: BODY, url: URL, receivedAt: AT * 1000, headers: vector.headers }, settings, [secret])).toMatchObject({ ok: true });
    const signed = signerOf(settings).sign(message, settings, secret);
    expect(Object.fromEntries(Object.entries(signed).filter(([header]) => header in vector.headers))).toEqual(vector.headers);
  });

  describeTampering({
    scheme,
    signer: signerOf(settings),
    settings,
    secret,
    message,
    signatureHeader: vector.signatureHeader,
    coversBody: vector.coversBody,
    toleranceSeconds: vector.timestamped ? 300 : undefined,
  });
});
