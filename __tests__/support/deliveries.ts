import { postUrl, signMessage } from "../../senders/signing";
import { forwardedHeaders, sourceSettings, type SourceSettings } from "../../delivery/source-settings";
import { sourceConfigSchema, type SourceConfig } from "../../stacks/config";
import { sendMessageTemplate } from "../../stacks/sqs-mapping-template";
import { renderRequestTemplate } from "../../local/api-gateway-vtl";
import { flipOneByte } from "./schemes";
import { senderSecrets } from "../../local/local-secrets";

/**
 * Senders for the tests, one per scheme family, each with a secret and a genuine body, and the
 * journey of their requests through the real mapping template into the records the pipe delivers.
 */
const DOMAIN = "abc123.execute-api.us-east-1.amazonaws.com";
export const SIGNED_AT = 1_764_000_000;

export const secretId = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/dev/${source}-AbCdEf`;

export const SENDERS = {
  users: {
    config: { schema: "users", verification: { scheme: "hmac" } },
    contentType: "application/json",
    secret: "users-signing-key",
    body: JSON.stringify({ name: "Zoë \"Z\" O'Neil", age: 30, email: "zoe@example.com" }),
  },
  github: {
    config: { schema: "github", verification: { scheme: "github" } },
    contentType: "application/json",
    secret: "It's a Secret to Everybody",
    body: JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } }, null, 2),
  },
  stripe: {
    config: { schema: "stripe", verification: { scheme: "stripe" } },
    contentType: "application/json",
    secret: "whsec_stripe_test_secret",
    body: '{\n  "id": "evt_1Q",\n  "object": "event",\n  "type": "invoice.paid",\n  "created": 1764000000,\n  "livemode": false,\n  "data": {"object": {}}\n}',
  },
  slack: {
    config: { schema: "slack-command", verification: { scheme: "slack" } },
    contentType: "application/x-www-form-urlencoded",
    secret: "8f742231b10e8888abcd99yyyzzz85a5",
    body: "team_id=T1&channel_id=C1&user_id=U1&command=%2Fdeploy&text=api+to+prod&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3",
  },
  twilio: {
    config: { schema: "users", verification: { scheme: "twilio" } },
    contentType: "application/json; charset=utf-8",
    secret: "twilio-auth-token",
    body: JSON.stringify({ name: "Texter", age: 44, email: "t@example.com" }),
  },
} as const;

export type Sender = keyof typeof SENDERS;

/** A sender's source as the stack's config resolves it, its scheme's defaults filled in. */
export const sourceConfig = (source: Sender): SourceConfig => sourceConfigSchema.parse(SENDERS[source].config);

/** What the stack tells the validate function of every sender. */
export const senderSettings: Record<string, SourceSettings> = Object.fromEntries(
  (Object.keys(SENDERS) as Sender[]).map((source) => [source, sourceSettings(sourceConfig(source), secretId(source))]),
);

/** The secret strings stored for every sender, each with a retired secret listed first. */
export const storedSecrets = Object.fromEntries(
  (Object.keys(SENDERS) as Sender[]).map((source) => [secretId(source), JSON.stringify(["a-retired-secret", SENDERS[source].secret])]),
);

export interface DeliveryOptions {
  readonly messageId?: string;
  /** The body sent, in place of the sender's usual one. */
  readonly body?: string;
  /** Flip one byte of the body after signing. */
  readonly tamper?: boolean;
  /** Seconds between signing and API Gateway's receipt. @default 2 */
  readonly receivedAfterSeconds?: number;
  /** Extra request headers, such as the sender's delivery id. */
  readonly headers?: Record<string, string>;
}

/**
 * A request as the sender makes it, signed with its scheme, turned by the source's real mapping
 * template into the SQS record the pipe delivers.
 */
export function deliveryRecord(source: Sender, options: DeliveryOptions = {}) {
  return signedRecord(source, sourceConfig(source), { ...options, secret: SENDERS[source].secret, contentType: SENDERS[source].contentType, body: options.body ?? SENDERS[source].body });
}

/** What any source's sender signs and posts, for `signedRecord`. */
export interface SignedRecordOptions extends DeliveryOptions {
  /** The source's secret string, as stored. */
  readonly secret: string;
  /** Changes the signed headers before they reach the API, as an attacker re-encoding them would. @default none */
  readonly reencode?: (headers: Record<string, string>) => Record<string, string>;
  readonly contentType: string;
  readonly body: string;
}

/** A delivery of any source, signed as its scheme's sender signs, through the source's real mapping template. */
export function signedRecord(source: string, config: SourceConfig, options: SignedRecordOptions) {
  const { verification } = config;
  const path = `/v1/webhooks/${source}`;
  const url = postUrl(verification, `https://${DOMAIN}${path}`, Buffer.from(options.body), options.contentType);
  // The secret as stored; the sender signs with its newest delivery part.
  const signed = signMessage(verification, { body: Buffer.from(options.body), url, timestamp: SIGNED_AT, id: `delivery-${source}` }, senderSecrets(options.secret, verification).delivery);
  const sent = signed.body;
  const template = sendMessageTemplate({ source, headers: forwardedHeaders(config), deliveryIdHeader: config.deliveryIdHeader });
  const messageId = options.messageId ?? `${source}${options.tamper ? "-tampered" : ""}`;
  const rendered = renderRequestTemplate(template, {
    // Every request gets its own API request id, the delivery id of senders without one.
    requestId: `request-${messageId}`,
    // Every body is binary to the API, converted to text: the template gets base64 of its bytes.
    body: (options.tamper ? flipOneByte(sent, sent.length - 3) : sent).toString("base64"),
    headers: { "Content-Type": options.contentType, ...options.headers, ...(options.reencode ?? ((h) => h))(signed.headers) },
    domainName: DOMAIN,
    path,
    query: Object.fromEntries(new URL(url).searchParams),
    requestTimeEpoch: (SIGNED_AT + (options.receivedAfterSeconds ?? 2)) * 1000,
  });
  return { messageId, receiptHandle: `rh-${messageId}`, body: readSendMessageForm(rendered).MessageBody, attributes: {}, eventSource: "aws:sqs" };
}

/**
 * Reads an SQS SendMessage form the way SQS does (application/x-www-form-urlencoded), refusing the
 * whitespace a one-line template must never leak.
 */
export function readSendMessageForm(form: string): Record<string, string> {
  if (/\s/.test(form)) throw new Error(`whitespace in the form body: ${JSON.stringify(form.slice(0, 80))}`);
  return Object.fromEntries(new URLSearchParams(form));
}
