import { createHmac } from "node:crypto";
import { hmac, hmacSettingsSchema } from "../../senders/hmac";
import { hmac as hmacSigner } from "../../senders/signing/hmac";
import { verificationSchema } from "../../senders/verification";
import { describeTampering } from "../support/schemes";

const parse = (settings: object) => hmacSettingsSchema.parse({ scheme: "hmac", ...settings });
const BODY = Buffer.from('{"event":"user.created","id":42}');

describe("hmac (generic)", () => {
  // RFC 4231 test case 2 (HMAC-SHA-256/512 of "what do ya want for nothing?" keyed "Jefe") and
  // RFC 2202 test case 2 (HMAC-SHA-1): the algorithm's own published vectors.
  it.each([
    ["sha1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"],
    ["sha256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
    ["sha512", "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"],
  ] as const)("passes the RFC vector for %s, in hex and in base64", (algorithm, hex) => {
    const request = (signature: string) => ({ body: Buffer.from("what do ya want for nothing?"), headers: { "x-signature": signature }, url: "", receivedAt: 0 });
    expect(hmac.verify(request(hex), parse({ algorithm }), ["Jefe"])).toMatchObject({ ok: true });
    const base64 = Buffer.from(hex, "hex").toString("base64");
    expect(hmac.verify(request(base64), parse({ algorithm, encoding: "base64" }), ["Jefe"])).toMatchObject({ ok: true });
    expect(hmac.verify(request(hex), parse({ algorithm: algorithm === "sha1" ? "sha256" : "sha1" }), ["Jefe"])).toMatchObject({ ok: false });
  });

  it("signs a template of timestamp, id and body, with a prefix, in any header", () => {
    const settings = parse({
      header: "X-Acme-Signature",
      prefix: "v1=",
      signedContent: "{id}.{timestamp}.{body}",
      timestampHeader: "X-Acme-Timestamp",
      idHeader: "X-Acme-Id",
    });
    const signature = `v1=${createHmac("sha256", "k").update(`d-1.1700000000.${BODY.toString()}`).digest("hex")}`;
    const headers = { "x-acme-signature": signature, "x-acme-timestamp": "1700000000", "x-acme-id": "d-1" };
    const request = { body: BODY, headers, url: "", receivedAt: 1_700_000_000_000 };
    expect(hmac.verify(request, settings, ["k"])).toMatchObject({ ok: true });
    expect(hmacSigner.sign({ body: BODY, url: "", timestamp: 1_700_000_000, id: "d-1" }, settings, "k")).toEqual(headers);
    expect(hmac.verify({ ...request, headers: { ...headers, "x-acme-id": "" } }, settings, ["k"])).toEqual({ ok: false, reason: "missing-id" });
    expect(hmac.headers(settings)).toEqual(["x-acme-signature", "x-acme-timestamp", "x-acme-id"]);
    expect(hmac.deliveryIdHeader(settings)).toBe("x-acme-id");
  });

  it("refuses settings that cannot work, every problem at once", () => {
    const result = verificationSchema.safeParse({ scheme: "hmac", signedContent: "{timestamp}:{payload}", idHeader: "x-id" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      "signedContent: unknown placeholder {payload}",
      "signedContent: must contain {body} exactly once",
      "timestampHeader: needed exactly when signedContent has {timestamp} (an unsigned timestamp proves nothing)",
    ]);
    expect(verificationSchema.safeParse({ scheme: "hmac", timestampHeader: "x-ts" }).success).toBe(false);
    expect(verificationSchema.safeParse({ scheme: "hmac", algorithm: "md5" }).success).toBe(false);
  });

  it("rejects a digest of the wrong length as malformed rather than comparing it", () => {
    const request = { body: BODY, headers: { "x-signature": "ab".repeat(20) }, url: "", receivedAt: 0 };
    expect(hmac.verify(request, parse({}), ["k"])).toEqual({ ok: false, reason: "malformed-signature" });
  });

  describe("tampering, body only", () => {
    describeTampering({ scheme: hmac, signer: hmacSigner, settings: parse({}), secret: "signing-key", message: { body: BODY, url: "", timestamp: 0, id: "" }, signatureHeader: "x-signature" });
  });

  describe("tampering, timestamped sha512 base64", () => {
    const settings = parse({ algorithm: "sha512", encoding: "base64", signedContent: "{timestamp}.{body}", timestampHeader: "x-timestamp", toleranceSeconds: 60 });
    describeTampering({
      scheme: hmac, signer: hmacSigner,
      settings,
      secret: "signing-key",
      message: { body: BODY, url: "", timestamp: 1_700_000_000, id: "" },
      signatureHeader: "x-signature",
      toleranceSeconds: 60,
    });
  });
});
