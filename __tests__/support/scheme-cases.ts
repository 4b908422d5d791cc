import fc from "fast-check";
import { JSON_CONTENT } from "../../delivery/payload";
import { SCHEMES, schemeOf } from "../../senders";
import { postUrl, signerOf, signMessage } from "../../senders/signing";
import { verificationSchema } from "../../senders/verification";
import { ed25519KeyPair, p256KeyPair } from "./schemes";

/** Every scheme with settings that exercise it fully, and arbitrary secrets of the kind its sender holds, for property tests. */
const ED25519 = ed25519KeyPair();
const P256 = p256KeyPair();

/** A scheme's settings for the property tests, and the secrets its sender would hold. */
interface SchemeCaseInput {
  readonly settings: object;
  readonly secret: fc.Arbitrary<string>;
}

// The secrets senders hold, by the kind of scheme a named sender's preset uses.
const anySecret = fc.string({ minLength: 1, maxLength: 64 });
const whsecSecret = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((key) => `whsec_${Buffer.from(key).toString("base64")}`);
const basicSecret = fc.tuple(fc.stringMatching(/^[^:\s]{1,20}$/), fc.string({ minLength: 1, maxLength: 40 })).map(([u, p]) => `${u}:${p}`);
const tokenSecret = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);

/** The named senders that need no settings, by the kind of secret each holds. */
const SECRET_KINDS: readonly [fc.Arbitrary<string>, readonly (keyof typeof SCHEMES)[]][] = [
  [anySecret, ["linear", "intercom", "lemon-squeezy", "segment", "bitbucket", "jira", "notion", "typeform", "vercel", "sentry", "pagerduty", "woocommerce", "dropbox", "coinbase-commerce", "circleci", "docusign", "xero", "gitea", "asana", "zoom", "twitch", "webflow", "square", "hubspot", "trello", "zendesk", "paddle", "calendly", "mux", "buildkite", "mailgun", "meta", "x"]],
  [whsecSecret, ["resend", "clerk"]],
  [tokenSecret, ["gitlab", "telegram", "microsoft-graph"]],
  [basicSecret, ["basic-auth", "postmark"]],
];

/** Each scheme with settings that exercise it fully, and the secrets its sender would hold. */
export const CASES: Record<keyof typeof SCHEMES, SchemeCaseInput> = {
  ...(Object.fromEntries(SECRET_KINDS.flatMap(([secret, names]) => names.map((name) => [name, { settings: {}, secret }]))) as Record<keyof typeof SCHEMES, SchemeCaseInput>),
  github: { settings: {}, secret: fc.string({ minLength: 1, maxLength: 64, unit: "grapheme" }) },
  stripe: { settings: {}, secret: fc.stringMatching(/^whsec_[A-Za-z0-9]{32}$/) },
  "standard-webhooks": { settings: {}, secret: whsecSecret },
  slack: { settings: {}, secret: fc.stringMatching(/^[0-9a-f]{32}$/) },
  shopify: { settings: {}, secret: fc.string({ minLength: 1, maxLength: 64 }) },
  twilio: { settings: {}, secret: fc.stringMatching(/^[0-9a-f]{32}$/) },
  hmac: {
    settings: { algorithm: "sha512", encoding: "base64", signedContent: "{id}:{timestamp}:{body}", timestampHeader: "x-ts", idHeader: "x-id" },
    secret: fc.string({ minLength: 1, maxLength: 64, unit: "binary" }),
  },
  "api-key": { settings: { header: "authorization", prefix: "Bearer " }, secret: tokenSecret },
  // Senders that sign with a private key: the settings carry the public key, the "secret" is the private one.
  discord: { settings: { publicKey: ED25519.publicKey }, secret: fc.constant(ED25519.privateKey) },
  sendgrid: { settings: { publicKey: P256.publicKey }, secret: fc.constant(P256.privateKey) },
};
// The kinds list names, not types: a scheme left out of both would otherwise pass unseen.
const uncovered = Object.keys(SCHEMES).filter((name) => !(name in CASES));
if (uncovered.length > 0) throw new Error(`scheme-cases.ts has no case for ${uncovered.join(", ")}`);


/** Schemes that prove who sent a delivery (and, for Mailgun, when) but do not sign its body. */
export const CREDENTIALS_ONLY = new Set(["basic-auth", "api-key", "mailgun", "microsoft-graph", "gitlab", "telegram", "postmark"]);

export const message = fc.record({
  body: fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  timestamp: fc.integer({ min: 1_500_000_000, max: 2_500_000_000 }),
  id: fc.stringMatching(/^msg_[A-Za-z0-9]{1,32}$/),
});

export function setup(name: keyof typeof SCHEMES, settingsInput: object) {
  const settings = verificationSchema.parse({ scheme: name, ...settingsInput });
  const scheme = schemeOf(settings);
  const signer = signerOf(settings);
  // JSON posts, whose URL some senders bind the body to (Twilio's bodySHA256); Twilio's forms are covered below.
  const urlFor = (body: Buffer) => postUrl(settings, `https://hooks.example.com/v1/webhooks/${name}`, body, JSON_CONTENT);
  // What the sender posts: for most the body as is, for Mailgun the body with the signature inside.
  const request = (m: { body: Buffer; timestamp: number; id: string }, secret: string, change?: (posted: Buffer) => Buffer) => {
    const posted = signMessage(settings, { ...m, url: urlFor(m.body) }, secret);
    return { body: change ? change(posted.body) : posted.body, url: urlFor(m.body), receivedAt: m.timestamp * 1000, headers: posted.headers };
  };
  return { settings, scheme, signer, request };
}

