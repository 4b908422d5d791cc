import Stripe from "stripe";
import { stripe, stripeSettingsSchema } from "../../senders/stripe";
import { stripe as stripeSigner } from "../../senders/signing/stripe";
import { describeTampering } from "../support/schemes";

const settings = stripeSettingsSchema.parse({ scheme: "stripe" });
const SECRET = "whsec_test_3e8c0b2f0a6d4c19b5e7a1d2c3f4e5a6";
const TIMESTAMP = 1_764_000_000;
const PAYLOAD = '{\n  "id": "evt_1QabcXYZ",\n  "object": "event",\n  "type": "invoice.paid",\n  "created": 1764000000\n}';

// I found no fixed vector published by Stripe (docs or libraries); its official Node.js library is the oracle here, both ways:
// `webhooks.generateTestHeaderString` signs and `webhooks.constructEvent` verifies, exactly as
// https://docs.stripe.com/webhooks#verify-manually describes. stripe-node is a devDependency only.
const official = new Stripe("sk_test_unused").webhooks;
const request = (header: string, receivedAt = TIMESTAMP * 1000, payload = PAYLOAD) => ({
  body: Buffer.from(payload),
  headers: { "Stripe-Signature": header },
  url: "https://example.com/v1/webhooks/stripe",
  receivedAt,
});

describe("stripe", () => {
  it("passes a header made by stripe-node, and makes one stripe-node accepts", () => {
    const header = official.generateTestHeaderString({ payload: PAYLOAD, secret: SECRET, timestamp: TIMESTAMP });
    expect(stripe.verify(request(header), settings, [SECRET])).toMatchObject({ ok: true });
    const ours = stripeSigner.sign({ body: Buffer.from(PAYLOAD), url: "", timestamp: TIMESTAMP, id: "" }, settings, SECRET)["stripe-signature"];
    expect(ours).toBe(header);
    expect(official.constructEvent(PAYLOAD, ours, SECRET, 300, undefined, TIMESTAMP * 1000)).toMatchObject({ id: "evt_1QabcXYZ" });
  });

  it("agrees with stripe-node on a forged payload", () => {
    const header = official.generateTestHeaderString({ payload: PAYLOAD, secret: SECRET, timestamp: TIMESTAMP });
    const forged = PAYLOAD.replace("invoice.paid", "invoice.void");
    expect(() => official.constructEvent(forged, header, SECRET, 300, undefined, TIMESTAMP * 1000)).toThrow(/No signatures found/);
    expect(stripe.verify(request(header, TIMESTAMP * 1000, forged), settings, [SECRET])).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("accepts any of several v1 signatures, as while Stripe rolls an endpoint secret", () => {
    const next = official.generateTestHeaderString({ payload: PAYLOAD, secret: SECRET, timestamp: TIMESTAMP });
    const old = official.generateTestHeaderString({ payload: PAYLOAD, secret: "whsec_old", timestamp: TIMESTAMP });
    const header = `${old},${next.split(",")[1]},v0=ignored`;
    expect(stripe.verify(request(header), settings, [SECRET])).toMatchObject({ ok: true });
    expect(stripe.verify(request(header), settings, ["whsec_old"])).toMatchObject({ ok: true });
  });

  it("names its reasons", () => {
    const v1 = `v1=${"ab".repeat(32)}`;
    const verdict = (header: string) => stripe.verify(request(header), settings, [SECRET]);
    expect(verdict(v1)).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict(`t=${TIMESTAMP},t=${TIMESTAMP},${v1}`)).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict(`t=${TIMESTAMP}`)).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict(`t=${TIMESTAMP},v0=${"ab".repeat(32)}`)).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict(`t=soon,${v1}`)).toEqual({ ok: false, reason: "malformed-timestamp" });
    expect(verdict(`t=${TIMESTAMP},${v1}`)).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("has no delivery id header: Stripe's event id is in the body", () => {
    expect(stripe.headers(settings)).toEqual(["stripe-signature"]);
    expect(stripe.deliveryIdHeader(settings)).toBeUndefined();
  });

  describe("tampering", () => {
    describeTampering({
      scheme: stripe, signer: stripeSigner,
      settings,
      secret: SECRET,
      message: { body: Buffer.from(PAYLOAD), url: "", timestamp: TIMESTAMP, id: "" },
      signatureHeader: "stripe-signature",
      toleranceSeconds: 300,
    });
  });
});
