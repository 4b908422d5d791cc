import { EventWebhook } from "@sendgrid/eventwebhook";
import { sendgrid, sendgridSettingsSchema } from "../../senders/sendgrid";
import { sendgrid as sendgridSigner } from "../../senders/signing/sendgrid";
import { describeTampering, p256KeyPair } from "../support/schemes";

// The official library's own vector (@sendgrid/eventwebhook 8.0.0, src/eventwebhook.spec.js).
const PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
const SIGNATURE = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
const TIMESTAMP = "1600112502";
const PAYLOAD =
  JSON.stringify([
    {
      email: "hello@world.com",
      event: "dropped",
      reason: "Bounced Address",
      sg_event_id: "ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA",
      sg_message_id: "LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0",
      "smtp-id": "<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>",
      timestamp: 1600112492,
    },
  ]) + "\r\n";

const official = new EventWebhook();
const request = (headers: Record<string, string>, body = PAYLOAD, at = Number(TIMESTAMP)) => ({ body: Buffer.from(body), headers, url: "", receivedAt: at * 1000 });

describe("sendgrid", () => {
  const settings = sendgridSettingsSchema.parse({ scheme: "sendgrid", publicKey: PUBLIC_KEY });
  const signed = { "X-Twilio-Email-Event-Webhook-Signature": SIGNATURE, "X-Twilio-Email-Event-Webhook-Timestamp": TIMESTAMP };

  it("passes the official library's vector, and the library passes what the project's signer writes", () => {
    expect(sendgrid.verify(request(signed), settings, [])).toMatchObject({ ok: true });
    const keys = p256KeyPair();
    const ours = sendgridSigner.sign({ body: Buffer.from(PAYLOAD), url: "", timestamp: 1_764_000_000, id: "" }, settings, keys.privateKey);
    const ecdsa = official.convertPublicKeyToECDSA(keys.publicKey);
    expect(official.verifySignature(ecdsa, PAYLOAD, ours["x-twilio-email-event-webhook-signature"], ours["x-twilio-email-event-webhook-timestamp"])).toBe(true);
  });

  it("rejects a signature by another key, a changed payload, and one that is not base64", () => {
    const other = sendgridSchemeSigned(p256KeyPair().privateKey);
    expect(sendgrid.verify(request(other), settings, [])).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(sendgrid.verify(request(signed, PAYLOAD.replace("dropped", "delivered")), settings, [])).toEqual({ ok: false, reason: "signature-mismatch" });
    // Base64 that is no DER signature: Node's verify answers false, as for a wrong one.
    expect(sendgrid.verify(request({ ...signed, "X-Twilio-Email-Event-Webhook-Signature": "bm90IERFUg==" }), settings, [])).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(sendgrid.verify(request({ ...signed, "X-Twilio-Email-Event-Webhook-Signature": "%%%" }), settings, [])).toEqual({ ok: false, reason: "malformed-signature" });
  });

  it("refuses settings whose key is not an EC public key", () => {
    expect(sendgridSettingsSchema.safeParse({ scheme: "sendgrid", publicKey: "bm90IGEga2V5" }).success).toBe(false);
    expect(sendgridSettingsSchema.safeParse({ scheme: "sendgrid", publicKey: Buffer.from("x").toString("base64") }).success).toBe(false);
  });

  describe("tampering", () => {
    const keys = p256KeyPair();
    const own = sendgridSettingsSchema.parse({ scheme: "sendgrid", publicKey: keys.publicKey });
    describeTampering({
      scheme: sendgrid,
      signer: sendgridSigner,
      settings: own,
      secret: keys.privateKey,
      message: { body: Buffer.from(PAYLOAD), url: "", timestamp: 1_764_000_000, id: "" },
      signatureHeader: "x-twilio-email-event-webhook-signature",
      toleranceSeconds: 300,
    });
  });

  function sendgridSchemeSigned(privateKey: string) {
    return sendgridSigner.sign({ body: Buffer.from(PAYLOAD), url: "", timestamp: Number(TIMESTAMP), id: "" }, settings, privateKey);
  }
});
