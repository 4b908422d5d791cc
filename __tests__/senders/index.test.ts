import { SCHEMES, verifyRequest } from "../../senders";
import { SourceSecretError } from "../../senders/source-secret";
import { verificationSchema } from "../../senders/verification";
import { ed25519KeyPair, p256KeyPair } from "../support/schemes";

/** What a scheme cannot do without: a sender's public key. */
const REQUIRED: Record<string, object> = { discord: { publicKey: ed25519KeyPair().publicKey }, sendgrid: { publicKey: p256KeyPair().publicKey } };

describe("the scheme registry", () => {
  it("offers every scheme in the verification settings, under the same name", () => {
    for (const name of Object.keys(SCHEMES)) {
      const result = verificationSchema.safeParse({ scheme: name, ...REQUIRED[name] });
      expect({ name, success: result.success, scheme: result.data?.scheme }).toEqual({ name, success: true, scheme: name });
    }
    expect(verificationSchema.safeParse({ scheme: "md5" }).success).toBe(false);
    expect(verificationSchema.safeParse({ scheme: "discord" }).success).toBe(false);
  });

  it("verifies a sender that signs with a private key with no secret at all", () => {
    const request = { body: Buffer.from("{}"), headers: {}, url: "", receivedAt: 0 };
    expect(verifyRequest(request, verificationSchema.parse({ scheme: "discord", ...REQUIRED.discord }), [])).toEqual({ ok: false, reason: "missing-signature" });
  });

  it("treats a source with no secret as a fault to retry, not a forgery", () => {
    const request = { body: Buffer.from("{}"), headers: {}, url: "", receivedAt: 0 };
    expect(() => verifyRequest(request, verificationSchema.parse({ scheme: "github" }), [])).toThrow(SourceSecretError);
    expect(verifyRequest(request, verificationSchema.parse({ scheme: "github" }), ["k"])).toEqual({ ok: false, reason: "missing-signature" });
  });
});
