import { createHmac } from "node:crypto";
import fc from "fast-check";
import { verifyHmacSha256 } from "../../../../handlers/lib/schemes/hmac-sha256";
import { hmacSha256VerificationSchema } from "../../../../handlers/lib/verification";

const settings = hmacSha256VerificationSchema.parse({ scheme: "hmac-sha256", header: "X-Signature" });
const secret = { signingKeys: ["key-1"], basicAuth: [] };
const body = Buffer.from('{"name":"Ada","age":36,"email":"ada@example.com"}');
const hex = (key: string, bytes: Buffer) => createHmac("sha256", key).update(bytes).digest("hex");

describe("hmac-sha256", () => {
  it("accepts the HMAC-SHA256 of the raw body (RFC 4231 test case 2)", () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    const rfc = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    expect(verifyHmacSha256({ body: Buffer.from("what do ya want for nothing?"), headers: { "x-signature": rfc } }, settings, { signingKeys: ["Jefe"], basicAuth: [] })).toEqual({ ok: true });
  });

  it("reads the header whatever its case and accepts upper-case hex", () => {
    expect(verifyHmacSha256({ body, headers: { "X-SIGNATURE": hex("key-1", body).toUpperCase() } }, settings, secret).ok).toBe(true);
  });

  it("names why it rejects", () => {
    const verdict = (headers: Record<string, string>) => verifyHmacSha256({ body, headers }, settings, secret);
    expect(verdict({})).toEqual({ ok: false, reason: "missing-signature" });
    expect(verdict({ "x-signature": "  " })).toEqual({ ok: false, reason: "missing-signature" });
    expect(verdict({ "x-signature": "zz" })).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict({ "x-signature": "abc" })).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict({ "x-signature": hex("key-2", body) })).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verdict({ "x-signature": hex("key-1", body).slice(0, 62) })).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("honours a prefix and base64 encoding", () => {
    const github = hmacSha256VerificationSchema.parse({ scheme: "hmac-sha256", header: "X-Hub-Signature-256", prefix: "sha256=" });
    const shopify = hmacSha256VerificationSchema.parse({ scheme: "hmac-sha256", header: "X-Shopify-Hmac-Sha256", encoding: "base64" });
    const mac = createHmac("sha256", "key-1").update(body).digest();
    expect(verifyHmacSha256({ body, headers: { "x-hub-signature-256": `sha256=${mac.toString("hex")}` } }, github, secret).ok).toBe(true);
    expect(verifyHmacSha256({ body, headers: { "x-hub-signature-256": mac.toString("hex") } }, github, secret)).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verifyHmacSha256({ body, headers: { "x-shopify-hmac-sha256": mac.toString("base64") } }, shopify, secret).ok).toBe(true);
  });

  it("accepts any active key, so secrets rotate without downtime", () => {
    const rotating = { signingKeys: ["new-key", "key-1"], basicAuth: [] };
    expect(verifyHmacSha256({ body, headers: { "x-signature": hex("key-1", body) } }, settings, rotating).ok).toBe(true);
    expect(verifyHmacSha256({ body, headers: { "x-signature": hex("new-key", body) } }, settings, rotating).ok).toBe(true);
  });

  it("holds sign-then-verify for any body and key, and fails on any one-byte change of the body", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.string({ minLength: 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, key, at, flip) => {
        const signed = Buffer.from(bytes);
        const headers = { "x-signature": hex(key, signed) };
        const keys = { signingKeys: [key], basicAuth: [] };
        expect(verifyHmacSha256({ body: signed, headers }, settings, keys).ok).toBe(true);
        const changed = Buffer.from(signed);
        changed[at % changed.length] ^= flip;
        expect(verifyHmacSha256({ body: changed, headers }, settings, keys)).toEqual({ ok: false, reason: "signature-mismatch" });
      }),
      { numRuns: 300 },
    );
  });
});
