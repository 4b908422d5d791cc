import { SCHEMES, verifyRequest } from "../../senders";
import { SourceSecretError } from "../../senders/source-secret";
import { verificationSchema } from "../../senders/verification";

describe("the scheme registry", () => {
  it("offers every scheme in the verification settings, under the same name", () => {
    for (const name of Object.keys(SCHEMES)) {
      const result = verificationSchema.safeParse({ scheme: name });
      expect({ name, success: result.success, scheme: result.data?.scheme }).toEqual({ name, success: true, scheme: name });
    }
    expect(verificationSchema.safeParse({ scheme: "md5" }).success).toBe(false);
  });

  it("treats a source with no secret as a fault to retry, not a forgery", () => {
    const request = { body: Buffer.from("{}"), headers: {}, url: "", receivedAt: 0 };
    expect(() => verifyRequest(request, verificationSchema.parse({ scheme: "github" }), [])).toThrow(SourceSecretError);
    expect(verifyRequest(request, verificationSchema.parse({ scheme: "github" }), ["k"])).toEqual({ ok: false, reason: "missing-signature" });
  });
});
