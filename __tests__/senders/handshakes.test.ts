import { createHmac } from "node:crypto";
import { SCHEMES, schemeOf } from "../../senders";
import type { HandshakeRequest } from "../../senders/scheme";
import { signerOf, signMessage } from "../../senders/signing";
import type { OutgoingHandshake } from "../../senders/signing";
import { verificationSchema } from "../../senders/verification";
import { ed25519KeyPair, p256KeyPair } from "../support/schemes";

/**
 * Each sender's handshake as the sender makes it (its signer, on the values its documentation
 * shows where it shows some) answered by its scheme, and judged as the sender would judge it.
 */
const AT = 1_764_000_000;
const URL = "https://hooks.example.com/v1/webhooks/sender";
const DISCORD = ed25519KeyPair();

/** Each sender with a handshake: its settings, its secret (or private key), and another of the same kind. */
const SENDERS: Record<string, { settings?: object; secret: string; wrong: string; refusal?: number }> = {
  slack: { secret: "8f742231b10e8888abcd99yyyzzz85a5", wrong: "0f742231b10e8888abcd99yyyzzz85a5" },
  zoom: { secret: "zoom-secret-token", wrong: "zoom-secret-tokem" },
  meta: { secret: "meatyhamhock", wrong: "meatyhamhocks" },
  x: { secret: "x-consumer-secret", wrong: "x-consumer-secres" },
  dropbox: { secret: "dropbox-app-secret", wrong: "dropbox-app-secres" },
  discord: { settings: { publicKey: DISCORD.publicKey }, secret: DISCORD.privateKey, wrong: ed25519KeyPair().privateKey, refusal: 401 },
  "microsoft-graph": { secret: "graph-client-state", wrong: "graph-client-statf" },
};

/** The source's stored secret, as each check sees it: Meta's verify token is a part of its own, beside the app secret. */
const secretsOf = (name: string, values: string[]) => (name === "meta" ? { delivery: ["the-app-secret"], handshake: values } : { delivery: values, handshake: values });

const settingsOf = (name: string) => verificationSchema.parse({ scheme: name, ...SENDERS[name].settings });
const asRequest = (h: OutgoingHandshake, receivedAt = AT * 1000): HandshakeRequest => ({ method: h.method, query: h.query, headers: h.headers, body: h.body, url: URL, receivedAt });

it("knows which senders make a handshake", () => {
  const required: Record<string, object> = { sendgrid: { publicKey: p256KeyPair().publicKey } };
  const settings = (name: string) => verificationSchema.parse({ scheme: name, ...(SENDERS[name]?.settings ?? required[name]) });
  expect(Object.keys(SCHEMES).filter((name) => schemeOf(settings(name)).handshake)).toEqual(
    Object.keys(SCHEMES).filter((name) => name in SENDERS),
  );
});

describe.each(Object.keys(SENDERS))("%s's handshake", (name) => {
  const settings = settingsOf(name);
  const scheme = schemeOf(settings);
  const handshake = scheme.handshake!;
  const { secret, wrong, refusal = 403 } = SENDERS[name];
  const outgoing = signerOf(settings).handshake!(settings, secret, { body: Buffer.alloc(0), url: URL, timestamp: AT, id: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });

  it("is recognized, answered, and the answer is what the sender expects", () => {
    expect(outgoing.method).toBe(handshake.method);
    expect(handshake.recognizes(asRequest(outgoing))).toBe(true);
    // Rotation stores the new secret first: senders that sign their answer with one (X) use it.
    const answer = handshake.answer(asRequest(outgoing), settings, secretsOf(name, [secret, "an-old-secret"]));
    expect(outgoing.check(answer)).toBeUndefined();
  });

  it("is not taken for a delivery, nor a delivery for it", () => {
    const delivery = signMessage(settings, { body: Buffer.from('{"id":"evt_1","type":"event_callback"}'), url: URL, timestamp: AT, id: "msg" }, secret);
    expect(handshake.recognizes({ method: "POST", query: {}, headers: delivery.headers, body: delivery.body, url: URL, receivedAt: AT * 1000 })).toBe(false);
  });

  it("fails its check with another secret", () => {
    // A sender with a private key made the handshake with another key; others meet another stored secret.
    const answer = scheme.secretless
      ? handshake.answer(asRequest(signerOf(settings).handshake!(settings, wrong, { body: Buffer.alloc(0), url: URL, timestamp: AT, id: "x" })), settings, secretsOf(name, []))
      : handshake.answer(asRequest(outgoing), settings, secretsOf(name, [wrong]));
    if (name === "dropbox" || name === "microsoft-graph") expect(answer.status).toBe(200); // Their challenges check nothing.
    else if (name === "x") expect(outgoing.check(answer)).toMatch(/expected 200 with \{"response_token"/); // X judges the answer.
    else expect(answer.status).toBe(refusal);
  });
});

describe("on the values the senders' documentation shows", () => {
  it("answers Slack's documented url_verification with its challenge, once its signature holds", () => {
    const settings = settingsOf("slack");
    const body = '{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}';
    const signed = signMessage(settings, { body: Buffer.from(body), url: URL, timestamp: AT, id: "" }, SENDERS.slack.secret);
    const request = { method: "POST", query: {}, headers: signed.headers, body: signed.body, url: URL, receivedAt: AT * 1000 };
    expect(schemeOf(settings).handshake!.answer(request, settings, secretsOf("slack", [SENDERS.slack.secret]))).toEqual({
      status: 200,
      contentType: "application/json",
      body: '{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}',
    });
    expect(schemeOf(settings).handshake!.answer({ ...request, headers: {} }, settings, secretsOf("slack", [SENDERS.slack.secret])).status).toBe(403);
  });

  it("answers Meta's documented subscription check with its challenge, as text that cannot render", () => {
    const settings = settingsOf("meta");
    const request = { method: "GET", query: { "hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": "meatyhamhock" }, headers: {}, body: Buffer.alloc(0), url: URL, receivedAt: 0 };
    expect(schemeOf(settings).handshake!.answer(request, settings, secretsOf("meta", ["meatyhamhock"]))).toEqual({
      status: 200,
      contentType: "text/plain",
      body: "1158201444",
      headers: { "X-Content-Type-Options": "nosniff" },
    });
  });

  it("answers Zoom's documented url_validation with the plain token and its HMAC under the secret token", () => {
    const settings = settingsOf("zoom");
    const body = '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}';
    const signed = signMessage(settings, { body: Buffer.from(body), url: URL, timestamp: AT, id: "" }, SENDERS.zoom.secret);
    const answer = schemeOf(settings).handshake!.answer({ method: "POST", query: {}, headers: signed.headers, body: signed.body, url: URL, receivedAt: AT * 1000 }, settings, secretsOf("zoom", [SENDERS.zoom.secret]));
    const expected = createHmac("sha256", SENDERS.zoom.secret).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex");
    expect(JSON.parse(answer.body)).toEqual({ plainToken: "qgg8vlvZRS6UYooatFL8Aw", encryptedToken: expected });
  });

  it("answers Dropbox's challenge so that no browser sniffs it", () => {
    const settings = settingsOf("dropbox");
    const answer = schemeOf(settings).handshake!.answer({ method: "GET", query: { challenge: "<script>" }, headers: {}, body: Buffer.alloc(0), url: URL, receivedAt: 0 }, settings, secretsOf("dropbox", []));
    expect(answer).toEqual({ status: 200, contentType: "text/plain", body: "<script>", headers: { "X-Content-Type-Options": "nosniff" } });
  });
});
