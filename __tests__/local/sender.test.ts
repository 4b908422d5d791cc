import { sourceSettings } from "../../delivery/source-settings";
import { deliveryIdWarning, signDelivery } from "../../local/sender";
import { verifyRequest } from "../../senders";
import { sourceConfigSchema, type WebhookConfigInput } from "../../stacks/config";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/dev/x-AbCdEf";
const settingsOf = (config: WebhookConfigInput["sources"][string]) => sourceSettings(sourceConfigSchema.parse(config), ARN);
const acme = settingsOf({
  schema: "users",
  verification: { scheme: "hmac", header: "X-Acme-Signature", prefix: "sha256=" },
  deliveryIdHeader: "X-Acme-Delivery",
});

/** What the validate step would judge of a delivery the sender made, received at once. */
const verdict = (settings: ReturnType<typeof settingsOf>, delivery: ReturnType<typeof signDelivery>, secret: string) =>
  verifyRequest({ body: delivery.body, headers: delivery.headers, url: delivery.url.replace(/^http:/, "https:"), receivedAt: Date.now() }, settings.verification, [secret]);

describe("signDelivery, as a sender", () => {
  it("sends the delivery id in the source's own header, and signs so that the scheme verifies", () => {
    const delivery = signDelivery(acme, { url: "http://127.0.0.1:3000/v1/webhooks/acme", body: Buffer.from("{}"), secret: "k", deliveryId: "acme-1" });
    expect(delivery.headers).toMatchObject({ "x-acme-delivery": "acme-1", "content-type": "application/json", "x-acme-signature": expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
    expect(verdict(acme, delivery, "k")).toMatchObject({ ok: true });
    expect(deliveryIdWarning("acme", acme)).toBeUndefined();
  });

  it("posts Twilio's JSON to the URL with the body's hash, and signs that URL in its public https form", () => {
    const twilio = settingsOf({ schema: "users", verification: { scheme: "twilio" } });
    const body = Buffer.from('{"name":"T"}');
    const delivery = signDelivery(twilio, { url: "http://127.0.0.1:3000/v1/webhooks/twilio", body, secret: "token", contentType: "application/json" });
    expect(delivery.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/v1\/webhooks\/twilio\?bodySHA256=[0-9a-f]{64}$/);
    expect(verdict(twilio, delivery, "token")).toMatchObject({ ok: true });
    const form = signDelivery(twilio, { url: "http://127.0.0.1:3000/v1/webhooks/twilio", body: Buffer.from("a=1"), secret: "token" });
    expect(form.url).toBe("http://127.0.0.1:3000/v1/webhooks/twilio");
  });

  it("says why a delivery id cannot be repeated to a source keyed by a payload field or by nothing", () => {
    expect(deliveryIdWarning("stripe", settingsOf({ schema: "stripe", verification: { scheme: "stripe" } }))).toMatch(/payload's "id" field/);
    expect(deliveryIdWarning("users", settingsOf({ schema: "users", verification: { scheme: "hmac" } }))).toMatch(/no delivery id/);
    expect(deliveryIdWarning("github", settingsOf({ schema: "github", verification: { scheme: "github" } }))).toBeUndefined();
  });
});
