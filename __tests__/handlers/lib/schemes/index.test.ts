import { SCHEMES, verifyRequest } from "../../../../handlers/lib/schemes";
import { SourceSecretError } from "../../../../handlers/lib/source-secret";
import { verificationHeaders, verificationSchema } from "../../../../handlers/lib/verification";

describe("the scheme registry", () => {
  it("offers every scheme in the verification settings, under the same name", () => {
    for (const name of Object.keys(SCHEMES)) {
      const result = verificationSchema.safeParse({ scheme: name });
      expect({ name, success: result.success, scheme: result.data?.scheme }).toEqual({ name, success: true, scheme: name });
    }
    expect(verificationSchema.safeParse({ scheme: "md5" }).success).toBe(false);
  });

  it("forwards exactly the headers a scheme reads, plus its delivery id header, each once", () => {
    expect(verificationHeaders(verificationSchema.parse({ scheme: "github" }))).toEqual(["x-hub-signature-256", "x-github-delivery"]);
    expect(verificationHeaders(verificationSchema.parse({ scheme: "standard-webhooks", headerPrefix: "svix" }))).toEqual([
      "svix-id",
      "svix-timestamp",
      "svix-signature",
    ]);
    expect(verificationHeaders(verificationSchema.parse({ scheme: "stripe" }))).toEqual(["stripe-signature"]);
  });

  it("treats a source with no secret as a fault to retry, not a forgery", () => {
    const request = { body: Buffer.from("{}"), headers: {}, url: "", receivedAt: 0 };
    expect(() => verifyRequest(request, verificationSchema.parse({ scheme: "github" }), [])).toThrow(SourceSecretError);
    expect(verifyRequest(request, verificationSchema.parse({ scheme: "github" }), ["k"])).toEqual({ ok: false, reason: "missing-signature" });
  });
});
