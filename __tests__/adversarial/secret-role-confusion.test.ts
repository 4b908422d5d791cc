import { createHmac } from "node:crypto";
import { sourceSettings } from "../../delivery/source-settings";
import { schemeOf, type Verification } from "../../senders";
import { sourceConfigSchema } from "../../stacks/config";
import { localAws, type LocalAws } from "../../local/local-aws";
import { AttackTwin } from "../support/attack-twin";
import { invokeHandshake, invokeValidate, proxyEvent, VALIDATE_QUARANTINE, VALIDATE_TABLE } from "../support/bundles";
import { signedRecord } from "../support/deliveries";

/**
 * Attack: use one kind of secret where another is checked. Meta's verify token is chosen by hand
 * and sent in a URL; stored beside the app secret as "one of the secrets", it signed deliveries,
 * and the app secret answered the subscription check. Each check now reads only its own part.
 */
const APP_SECRET = "meta-app-secret-5f2b9c";
const VERIFY_TOKEN = "meatyhamhock";
const STORED = JSON.stringify({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
const BODY = JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [] }] });
const signedWith = (key: string, body = BODY) => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;

describe("Meta's verify token and app secret, each in its own role", () => {
  const meta = { scheme: "meta" } as Verification;
  const scheme = schemeOf(meta);
  const delivery = (signature: string) => ({ body: Buffer.from(BODY), headers: { "x-hub-signature-256": signature }, url: "", receivedAt: 0 });

  it("a body signed with the verify token is a signature mismatch: verify sees only the app secret part", () => {
    expect(scheme.verify(delivery(signedWith(APP_SECRET)), meta, [APP_SECRET])).toMatchObject({ ok: true });
    expect(scheme.verify(delivery(signedWith(VERIFY_TOKEN)), meta, [APP_SECRET])).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("the subscription check compares only the verify token part: the app secret is refused", () => {
    const check = (token: string) =>
      scheme.handshake!.answer(
        { method: "GET", query: { "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": token }, headers: {}, body: Buffer.alloc(0), url: "", receivedAt: 0 },
        meta,
        { delivery: [APP_SECRET], handshake: [VERIFY_TOKEN] },
      ).status;
    expect([check(VERIFY_TOKEN), check(APP_SECRET), check(`${VERIFY_TOKEN} `)]).toEqual([200, 403, 403]);
  });
});

describe("secret roles through the bundled functions", () => {
  const arn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/test/${source}-AbCdEf`;
  const config = sourceConfigSchema.parse({ schema: "github", verification: { scheme: "meta" } });
  /** The same sender, its secret stored right, in the old array form, and with the verify token equal to the app secret. */
  const STORES = {
    meta: STORED,
    "meta-array": JSON.stringify([APP_SECRET, VERIFY_TOKEN]),
    "meta-same": JSON.stringify({ appSecret: APP_SECRET, verifyToken: APP_SECRET }),
  };
  const settings = Object.fromEntries(Object.keys(STORES).map((source) => [source, sourceSettings(config, arn(source))]));
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await localAws({
      secrets: Object.fromEntries(Object.entries(STORES).map(([source, secret]) => [arn(source), secret])),
      queues: ["webhooks-test-deliveries", VALIDATE_QUARANTINE],
      tables: [{ name: VALIDATE_TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }],
    });
  });
  afterAll(() => aws.close());

  const record = (source: string, id: string, signature: string) =>
    signedRecord(source, config, { body: BODY, contentType: "application/json", secret: STORED, messageId: `${source}/${id}`, reencode: () => ({ "x-hub-signature-256": signature }) });

  it("quarantines a Meta delivery signed with the verify token as signature-mismatch, and verifies one signed with the app secret", async () => {
    const { items } = await invokeValidate(aws, settings, [record("meta", "token-signed", signedWith(VERIFY_TOKEN)), record("meta", "genuine", signedWith(APP_SECRET))]);
    expect(items.map((i) => [i.messageId, i.reason ?? i.outcome])).toEqual([
      ["meta/token-signed", "signature-mismatch"],
      ["meta/genuine", "verified"],
    ]);
  });

  it("retries, never judges, while the secret is in the old array form or names one value for both roles: a fault of ours is no verdict", async () => {
    const { items } = await invokeValidate(aws, settings, [record("meta-array", "a", signedWith(APP_SECRET)), record("meta-same", "b", signedWith(APP_SECRET))]);
    expect(items.map((i) => [i.outcome, i.reason])).toEqual([
      ["retry", "secret-unavailable"],
      ["retry", "secret-unavailable"],
    ]);
    expect(aws.sqs.queue(VALIDATE_QUARANTINE).messages.filter((m) => m.body.includes("meta-array") || m.body.includes("meta-same"))).toEqual([]);
  });

  it("answers the handshake 503 (retried by Meta), not 403, while the secret is in the old array form, and logs what to store", async () => {
    const query = { "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": VERIFY_TOKEN };
    const answer = (source: string) => invokeHandshake(aws, settings, "webhooks-test-deliveries", proxyEvent(source, { method: "GET", query, headers: {}, body: Buffer.alloc(0) }, `req-${source}`));
    expect((await answer("meta")).statusCode).toBe(200);
    const refused = await answer("meta-array");
    expect(refused.statusCode).toBe(503);
    expect(refused.body).not.toContain(APP_SECRET);
    // The log says what to store, and holds no secret.
    expect(refused.stdout).toMatch(/handshake not answered: the source's secret is not usable.*appSecret.*verifyToken/);
    expect(refused.stdout).not.toContain(APP_SECRET);
    expect(refused.stdout).not.toContain(VERIFY_TOKEN);
  });
});

describe("secret roles on the twin", () => {
  let attack: AttackTwin;
  beforeAll(async () => {
    attack = await AttackTwin.start("roles", { meta: { schema: "github", verification: { scheme: "meta" } } }, { meta: STORED });
  }, 60_000);
  afterAll(() => attack?.stop());

  it("quarantines a body signed with the verify token (which travels in URLs) as signature-mismatch; nothing reaches the bus", async () => {
    const forged = await attack.post({ url: attack.endpoint("meta"), body: Buffer.from(BODY), headers: { "content-type": "application/json", "x-hub-signature-256": signedWith(VERIFY_TOKEN) } });
    expect(await attack.verdictOf(forged.messageId!)).toBe("signature-mismatch");
    expect(attack.twin.eventBridge.events).toEqual([]);
  });

  it("refuses `hub.verify_token=<app secret>` with 403: no online oracle for the app secret", async () => {
    const ask = (token: string) => attack.request(attack.endpoint("meta"), { query: { "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": token } });
    expect([(await ask(VERIFY_TOKEN)).status, (await ask(APP_SECRET)).status]).toEqual([200, 403]);
  });
});
