import { parseEnvelope } from "../../delivery/envelope";
import { sourceSettings } from "../../delivery/source-settings";
import { signerOf, signMessage } from "../../senders/signing";
import type { OutgoingHandshake } from "../../senders/signing";
import { sourceConfigSchema } from "../../stacks/config";
import { localAws, type LocalAws } from "../../local/local-aws";
import { ed25519KeyPair } from "../support/schemes";
import { invokeHandshake, invokeValidate, proxyEvent, VALIDATE_QUARANTINE, VALIDATE_TABLE } from "../support/bundles";

/**
 * The bundled handshake function, as Lambda runs it behind API Gateway's proxy integration: a
 * sender's handshake answered with the source's secret, a wrong one refused with 403, and any other
 * request queued in the envelope the validate step verifies.
 */
const QUEUE = "webhooks-test-deliveries";
const arn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/test/${source}-AbCdEf`;
const SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const DISCORD = ed25519KeyPair();
/** Every sender with a handshake: its source's settings, the secret it makes the handshake with, and another. */
const HANDSHAKERS = {
  slack: { verification: { scheme: "slack" }, secret: SLACK_SECRET, stored: SLACK_SECRET, wrong: "0f742231b10e8888abcd99yyyzzz85a5" },
  meta: { verification: { scheme: "meta" }, secret: "meatyhamhock", stored: JSON.stringify({ appSecret: "the-app-secret", verifyToken: "meatyhamhock" }), wrong: "guessed" },
  zoom: { verification: { scheme: "zoom" }, secret: "zoom-secret-token", stored: "zoom-secret-token", wrong: "zoom-secret-tokem" },
  x: { verification: { scheme: "x" }, secret: "x-consumer-secret", stored: "x-consumer-secret", wrong: "x-consumer-secres" },
  dropbox: { verification: { scheme: "dropbox" }, secret: "dropbox-app-secret", stored: "dropbox-app-secret", wrong: undefined },
  discord: { verification: { scheme: "discord", publicKey: DISCORD.publicKey }, secret: DISCORD.privateKey, stored: "unused", wrong: ed25519KeyPair().privateKey },
  "microsoft-graph": { verification: { scheme: "microsoft-graph" }, secret: "graph-client-state", stored: "graph-client-state", wrong: undefined },
} as const;
const settings = Object.fromEntries(
  Object.entries(HANDSHAKERS).map(([source, { verification }]) => [source, sourceSettings(sourceConfigSchema.parse({ schema: "users", verification }), arn(source))]),
) as Record<keyof typeof HANDSHAKERS, ReturnType<typeof sourceSettings>>;

describe("the bundled handshake function", () => {
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await localAws({
      secrets: Object.fromEntries(Object.entries(HANDSHAKERS).map(([source, { stored }]) => [arn(source), stored])),
      queues: [QUEUE, VALIDATE_QUARANTINE],
      tables: [{ name: VALIDATE_TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }],
    });
  });
  afterAll(() => aws.close());

  const invoke = (event: unknown) => invokeHandshake(aws, settings, QUEUE, event);
  const handshakeOf = (source: keyof typeof HANDSHAKERS, secret: string): OutgoingHandshake =>
    signerOf(settings[source].verification).handshake!(settings[source].verification, secret, { body: Buffer.alloc(0), url: "", timestamp: Math.floor(Date.now() / 1000), id: "challenge-1" });

  it.each(Object.keys(HANDSHAKERS) as (keyof typeof HANDSHAKERS)[])("answers %s's handshake as its sender expects, and fails its check with another secret", async (source) => {
    const { secret, wrong } = HANDSHAKERS[source];
    const made = handshakeOf(source, secret);
    const answer = await invoke(proxyEvent(source, made, `req-${source}-ok`));
    expect(made.check({ status: answer.statusCode, body: answer.body })).toBeUndefined();
    if (wrong !== undefined) {
      const other = handshakeOf(source, wrong);
      const refused = await invoke(proxyEvent(source, other, `req-${source}-wrong`));
      expect(other.check({ status: refused.statusCode, body: refused.body })).toMatch(/^expected 200/);
    }
    expect(aws.sqs.queue(QUEUE).messages).toHaveLength(0);
  });

  it("answers Meta's subscription check when the verify token is the secret's verifyToken, as text that cannot render", async () => {
    const made = handshakeOf("meta", "meatyhamhock");
    const answer = await invoke(proxyEvent("meta", made, "req-meta-1"));
    expect([answer.statusCode, answer.headers["content-type"], answer.headers["x-content-type-options"], answer.body]).toEqual([200, "text/plain", "nosniff", "challenge-1"]);
    expect((await invoke(proxyEvent("meta", handshakeOf("meta", "guessed"), "req-meta-2"))).statusCode).toBe(403);
  });

  it("queues any other request as the mapping template would, answered 200 only once queued, and the validate step verifies it", async () => {
    const body = Buffer.from(JSON.stringify({ name: "Ada", age: 36, email: "ada@example.com" }));
    const signed = signMessage(settings.slack.verification, { body, url: "", timestamp: Math.floor(Date.now() / 1000), id: "" }, SLACK_SECRET);
    const answer = await invoke(proxyEvent("slack", { method: "POST", query: {}, headers: { "Content-Type": "application/json", ...signed.headers }, body }, "req-slack-3"));
    expect(answer.statusCode).toBe(200);
    const [queued] = aws.sqs.queue(QUEUE).messages;
    expect(JSON.parse(answer.body)).toEqual({ messageId: queued.messageId, requestId: "req-slack-3" });
    expect(parseEnvelope(queued.body)).toMatchObject({ source: "slack", deliveryId: "req-slack-3", url: "https://abc123.execute-api.us-east-1.amazonaws.com/v1/webhooks/slack" });
    const record = { messageId: queued.messageId, receiptHandle: "rh", body: queued.body, attributes: {}, eventSource: "aws:sqs" };
    const { items } = await invokeValidate(aws, settings, [record]);
    expect(items.map((item) => item.outcome)).toEqual(["verified"]);
  });

  it("refuses a GET that is no handshake, and queues nothing", async () => {
    const answer = await invoke(proxyEvent("meta", { method: "GET", query: { hello: "there" }, headers: {}, body: Buffer.alloc(0) }, "req-meta-3"));
    expect(answer.statusCode).toBe(404);
  });
});
