import { createHmac } from "node:crypto";
import fc from "fast-check";
import { sourceSettings } from "../../delivery/source-settings";
import { schemeOf, type Verification } from "../../senders";
import type { HandshakeRequest } from "../../senders/scheme";
import { signMessage } from "../../senders/signing";
import { isCrcToken } from "../../senders/x";
import { sourceConfigSchema } from "../../stacks/config";
import { localAws, type LocalAws } from "../../local/local-aws";
import { AttackTwin } from "../support/attack-twin";
import { invokeHandshake, invokeValidate, proxyEvent, VALIDATE_QUARANTINE, VALIDATE_TABLE } from "../support/bundles";
import { signedRecord } from "../support/deliveries";

/**
 * Attack: make a handshake sign, reveal or reflect what the attacker chooses. A handshake that
 * answers with an HMAC of a caller's text under the signing key (X's CRC, Zoom's url_validation)
 * hands out delivery signatures; one that compares a caller's text with a secret is a guessing
 * oracle; one that echoes a caller's text is a page on the API's domain.
 */
const X_SECRET = "x-consumer-secret";
const x = { scheme: "x" } as Verification;
const request = (query: Record<string, string>, method = "GET"): HandshakeRequest => ({ method, query, headers: {}, body: Buffer.alloc(0), url: "https://hooks.example.com/v1/webhooks/x", receivedAt: 0 });
const secrets = (value: string) => ({ delivery: [value], handshake: [value] });
const crcAnswer = (token: string) => schemeOf(x).handshake!.answer(request({ crc_token: token }), x, secrets(X_SECRET));
const signatureOf = (answer: { body: string }) => (JSON.parse(answer.body) as { response_token: string }).response_token;
const asDelivery = (body: string, signature: string) => ({ body: Buffer.from(body), headers: { "x-twitter-webhooks-signature": signature }, url: "", receivedAt: 0 });

describe("X's CRC as a signing oracle", () => {
  it("answers no token that could be a delivery body: for any token it answers, its answer does not verify as a delivery of that body", () => {
    const tokens = fc.oneof(fc.string(), fc.json(), fc.stringMatching(/^[A-Za-z0-9+/_-]{1,64}={0,2}$/), fc.uuid());
    fc.assert(
      fc.property(tokens, (token) => {
        const answer = crcAnswer(token);
        if (answer.status !== 200) return;
        expect(schemeOf(x).verify(asDelivery(token, signatureOf(answer)), x, [X_SECRET])).toEqual({ ok: false, reason: "signature-mismatch" });
      }),
      { numRuns: 2_000 },
    );
  });

  it("answers the tokens X sends (base64 text, as seen), so the check still passes", () => {
    const token = "M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0";
    expect(crcAnswer(token)).toMatchObject({ status: 200, body: JSON.stringify({ response_token: `sha256=${createHmac("sha256", X_SECRET).update(token).digest("base64")}` }) });
  });

  it("refuses a JSON token, and never refuses a JSON delivery X sends for looking like a token", () => {
    expect(crcAnswer('{"tweet_create_events":[]}').status).toBe(403);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        const body = JSON.stringify(payload);
        expect(isCrcToken(body)).toBe(false);
        const headers = signMessage(x, { body: Buffer.from(body), url: "", timestamp: 0, id: "" }, X_SECRET).headers;
        expect(schemeOf(x).verify({ body: Buffer.from(body), headers, url: "", receivedAt: 0 }, x, [X_SECRET])).toMatchObject({ ok: true });
      }),
    );
  });
});

describe("handshake oracles through the bundled functions", () => {
  const QUEUE = "webhooks-test-deliveries";
  const arn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/test/${source}-AbCdEf`;
  const configs = {
    x: sourceConfigSchema.parse({ schema: "github", verification: { scheme: "x" } }),
    zoom: sourceConfigSchema.parse({ schema: "github", verification: { scheme: "zoom" } }),
    meta: sourceConfigSchema.parse({ schema: "github", verification: { scheme: "meta" } }),
  };
  const STORED = { x: X_SECRET, zoom: "zoom-secret-token", meta: JSON.stringify({ appSecret: "meta-app-secret", verifyToken: "meatyhamhock" }) };
  const settings = Object.fromEntries(Object.entries(configs).map(([source, config]) => [source, sourceSettings(config, arn(source))]));
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await localAws({
      secrets: Object.fromEntries(Object.entries(STORED).map(([source, secret]) => [arn(source), secret])),
      queues: [QUEUE, VALIDATE_QUARANTINE],
      tables: [{ name: VALIDATE_TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }],
    });
  });
  afterAll(() => aws.close());
  const handshake = (source: string, query: Record<string, string>, method = "GET", body: Buffer = Buffer.alloc(0), headers: Record<string, string> = {}) =>
    invokeHandshake(aws, settings, QUEUE, proxyEvent(source, { method, query, headers, body: Buffer.from(body) }, `req-${Math.random()}`));

  it("X: a body whose signature was fetched from the CRC is quarantined as signature-mismatch", async () => {
    expect((await handshake("x", { crc_token: '{"a":1}' })).statusCode).toBe(403);
    const token = "Zm9yZ2VkLWJ5LXRoZS1jcmM";
    const answer = await handshake("x", { crc_token: token });
    expect(answer.statusCode).toBe(200);
    const forged = signedRecord("x", configs.x, { body: token, contentType: "application/json", secret: "unused", messageId: "x/forged", reencode: () => ({ "x-twitter-webhooks-signature": signatureOf(answer) }) });
    const { items } = await invokeValidate(aws, settings, [forged]);
    expect(items.map((i) => [i.outcome, i.reason])).toEqual([["rejected", "signature-mismatch"]]);
  });

  it("Zoom: a url_validation not signed by Zoom gets no HMAC, even of a delivery's signed text", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forgedDelivery = `{"event":"meeting.started","event_ts":${now}}`;
    const body = Buffer.from(JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken: `v0:${now}:${forgedDelivery}` } }));
    const unsigned = await handshake("zoom", {}, "POST", body, { "content-type": "application/json", "x-zm-request-timestamp": String(now), "x-zm-signature": "v0=" + "0".repeat(64) });
    expect([unsigned.statusCode, unsigned.body]).toEqual([403, '{"message":"Forbidden"}']);
    // Signed by Zoom but an hour old: a captured check replayed gets nothing either.
    const stale = signMessage(configs.zoom.verification, { body, url: "", timestamp: now - 3_600, id: "" }, STORED.zoom);
    expect((await handshake("zoom", {}, "POST", stale.body, { "content-type": "application/json", ...stale.headers })).statusCode).toBe(403);
  });

  it("Meta: the subscription check is no oracle for the app secret (hub.verify_token=<app secret> is refused)", async () => {
    const ask = (token: string) => handshake("meta", { "hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": token });
    expect((await ask("meatyhamhock")).statusCode).toBe(200);
    expect((await ask("meta-app-secret")).statusCode).toBe(403);
  });

  it.each([
    ["meta", { "hub.mode": "subscribe", "hub.challenge": "<script>alert(1)</script>", "hub.verify_token": "meatyhamhock" }],
    ["x", { crc_token: "<script>" }],
  ])("%s: a challenge a caller chose is never a page: echoed as text/plain, or refused as JSON, with nosniff either way", async (source, query) => {
    const answer = await handshake(source, query);
    expect([answer.headers["content-type"], answer.headers["x-content-type-options"]]).toEqual([answer.statusCode === 200 ? "text/plain" : "application/json", "nosniff"]);
  });
});

describe("X's CRC forgery on the twin", () => {
  let attack: AttackTwin;
  beforeAll(async () => {
    attack = await AttackTwin.start(
      "oracles",
      {
        x: { schema: "github", verification: { scheme: "x" } },
        dropbox: { schema: "github", verification: { scheme: "dropbox" } },
        graph: { schema: "github", verification: { scheme: "microsoft-graph" } },
      },
      { x: X_SECRET, dropbox: "dropbox-app-secret", graph: "graph-client-state" },
    );
  }, 60_000);
  afterAll(() => attack?.stop());

  it("refuses `GET ?crc_token=<any JSON>` with 403, and a body signed by a CRC answer never reaches the bus", async () => {
    const endpoint = attack.endpoint("x");
    expect((await attack.request(endpoint, { query: { crc_token: '{"for_user_id":"1","tweet_create_events":[]}' } })).status).toBe(403);
    const token = "dHdlZXQtZm9yZ2Vk";
    const answer = await attack.request(endpoint, { query: { crc_token: token } });
    expect(answer.status).toBe(200);
    // The only bodies the CRC signs are not JSON: the route's model refuses them before they are
    // queued (the validate step's own refusal is shown above, through the bundled function).
    const posted = await attack.post({ url: endpoint, body: Buffer.from(token), headers: { "content-type": "application/json", "x-twitter-webhooks-signature": signatureOf(answer) } });
    expect(posted.status).toBe(400);
    await attack.twin.drained();
    expect(attack.twin.eventBridge.events).toEqual([]);
  });

  it.each([
    ["dropbox", "GET", { challenge: "<html><script>alert(document.domain)</script>" }],
    ["graph", "POST", { validationToken: "<html><script>alert(document.domain)</script>" }],
  ])("echoes %s's challenge as text no browser renders (text/plain, nosniff)", async (source, method, query) => {
    const answer = await attack.request(attack.endpoint(source), { method, query });
    expect([answer.status, answer.headers.get("content-type"), answer.headers.get("x-content-type-options")]).toEqual([200, "text/plain", "nosniff"]);
  });
});
