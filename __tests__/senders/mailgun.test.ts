import { createHmac } from "node:crypto";
import { mailgun, mailgunSettingsSchema } from "../../senders/mailgun";
import { signMessage } from "../../senders/signing";

// No fixed vector with its key is published: this one is derived from Mailgun's documentation
// (hex HMAC-SHA256 of timestamp + token, keyed with the webhook signing key), step by step.
const KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const TIMESTAMP = "1764000000";
const TOKEN = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
const SIGNATURE = createHmac("sha256", KEY).update(TIMESTAMP + TOKEN).digest("hex");
const body = (signature: object) => Buffer.from(JSON.stringify({ signature, "event-data": { event: "delivered", id: "CPgfbmQMTCKtHW6uIWtuVe" } }));
const at = (seconds: number) => (Number(TIMESTAMP) + seconds) * 1000;

describe("mailgun", () => {
  const settings = mailgunSettingsSchema.parse({ scheme: "mailgun" });
  const request = (b: Buffer, receivedAt = at(2)) => ({ body: b, headers: {}, url: "", receivedAt });
  const genuine = body({ timestamp: TIMESTAMP, token: TOKEN, signature: SIGNATURE });

  it("accepts the documented signature inside the body, with any of the active keys", () => {
    expect(mailgun.verify(request(genuine), settings, ["an-old-key", KEY])).toMatchObject({ ok: true });
  });

  it("rejects a wrong key, a changed token or signature, and says what is missing or malformed", () => {
    expect(mailgun.verify(request(genuine), settings, ["another-key"])).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(mailgun.verify(request(body({ timestamp: TIMESTAMP, token: `${TOKEN}0`, signature: SIGNATURE })), settings, [KEY])).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(mailgun.verify(request(body({ timestamp: TIMESTAMP, token: TOKEN, signature: "zz" })), settings, [KEY])).toEqual({ ok: false, reason: "malformed-signature" });
    expect(mailgun.verify(request(Buffer.from('{"event-data":{}}')), settings, [KEY])).toEqual({ ok: false, reason: "missing-signature" });
    expect(mailgun.verify(request(Buffer.from("not json")), settings, [KEY])).toEqual({ ok: false, reason: "missing-signature" });
  });

  it("holds the replay window both ways, edges included", () => {
    expect(mailgun.verify(request(genuine, at(300)), settings, [KEY])).toMatchObject({ ok: true });
    expect(mailgun.verify(request(genuine, at(301)), settings, [KEY])).toEqual({ ok: false, reason: "stale-timestamp" });
    expect(mailgun.verify(request(genuine, at(-301)), settings, [KEY])).toEqual({ ok: false, reason: "future-timestamp" });
  });

  it("signs as Mailgun does: the signature object in the body, beside what the body held", () => {
    const posted = signMessage(settings, { body: Buffer.from('{"event-data":{"event":"opened"}}'), url: "", timestamp: Number(TIMESTAMP), id: "msg" }, KEY);
    expect(posted.headers).toEqual({});
    const sent = JSON.parse(posted.body.toString());
    expect(sent["event-data"]).toEqual({ event: "opened" });
    expect(sent.signature.signature).toBe(createHmac("sha256", KEY).update(sent.signature.timestamp + sent.signature.token).digest("hex"));
    expect(mailgun.verify(request(posted.body), settings, [KEY])).toMatchObject({ ok: true });
  });
});
