import { Webhook } from "standardwebhooks";
import { standardWebhooks, standardWebhooksSettingsSchema } from "../../senders/standard-webhooks";
import { standardWebhooks as standardWebhooksSigner } from "../../senders/signing/standard-webhooks";
import { SourceSecretError } from "../../senders/source-secret";
import { describeTampering, requestsOf } from "../support/schemes";

const settings = standardWebhooksSettingsSchema.parse({ scheme: "standard-webhooks" });
const svix = standardWebhooksSettingsSchema.parse({ scheme: "standard-webhooks", headerPrefix: "svix" });

// The specification's test vector, used by its reference libraries' tests:
// https://github.com/standard-webhooks/standard-webhooks (libraries/javascript/src/index.test.ts)
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

const request = requestsOf("https://example.com/v1/webhooks/sw", PAYLOAD, TIMESTAMP);
const vectorHeaders = (prefix = "webhook") => ({ [`${prefix}-id`]: ID, [`${prefix}-timestamp`]: String(TIMESTAMP), [`${prefix}-signature`]: SIGNATURE });

describe("standard-webhooks", () => {
  it("passes the specification's test vector, with webhook-* and with Svix's svix-* headers", () => {
    expect(standardWebhooks.verify(request(vectorHeaders()), settings, [SECRET])).toMatchObject({ ok: true });
    expect(standardWebhooks.verify(request(vectorHeaders("svix")), svix, [SECRET])).toMatchObject({ ok: true });
    expect(standardWebhooks.verify(request(vectorHeaders("svix")), settings, [SECRET])).toEqual({ ok: false, reason: "missing-signature" });
    const message = { body: Buffer.from(PAYLOAD), url: "", timestamp: TIMESTAMP, id: ID };
    expect(standardWebhooksSigner.sign(message, settings, SECRET)).toEqual(vectorHeaders());
  });

  it("agrees with the official standardwebhooks library both ways", () => {
    const official = new Webhook(SECRET);
    expect(official.sign(ID, new Date(TIMESTAMP * 1000), PAYLOAD)).toBe(SIGNATURE);
    const now = Math.floor(Date.now() / 1000);
    const ours = standardWebhooksSigner.sign({ body: Buffer.from(PAYLOAD), url: "", timestamp: now, id: "msg_2" }, settings, SECRET);
    expect(official.verify(PAYLOAD, ours)).toEqual({ test: 2432232314 });
  });

  it("accepts a secret without its whsec_ prefix, and any one of several listed signatures", () => {
    expect(standardWebhooks.verify(request(vectorHeaders()), settings, [SECRET.slice(6)])).toMatchObject({ ok: true });
    const listed = { ...vectorHeaders(), "webhook-signature": `v1a,c29tZSBhc3ltbWV0cmlj v1,${"A".repeat(43)}= ${SIGNATURE}` };
    expect(standardWebhooks.verify(request(listed), settings, [SECRET])).toMatchObject({ ok: true });
  });

  it("names its reasons", () => {
    const verdict = (headers: Record<string, string>) => standardWebhooks.verify(request(headers), settings, [SECRET]);
    const { "webhook-id": _, ...noId } = vectorHeaders();
    expect(verdict(noId)).toEqual({ ok: false, reason: "missing-id" });
    expect(verdict({ ...vectorHeaders(), "webhook-id": "msg_other" })).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verdict({ ...vectorHeaders(), "webhook-signature": "v2,abc" })).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict({ ...vectorHeaders(), "webhook-timestamp": "" })).toEqual({ ok: false, reason: "missing-timestamp" });
  });

  it("treats a secret that is not whsec_ base64 as a fault to retry, not a forgery", () => {
    expect(() => standardWebhooks.verify(request(vectorHeaders()), settings, ["whsec_not base64!"])).toThrow(SourceSecretError);
  });

  describe("tampering", () => {
    describeTampering({
      scheme: standardWebhooks, signer: standardWebhooksSigner,
      settings,
      secret: SECRET,
      message: { body: Buffer.from(PAYLOAD), url: "", timestamp: TIMESTAMP, id: ID },
      signatureHeader: "webhook-signature",
      toleranceSeconds: 300,
    });
  });
});
