import { createHmac } from "node:crypto";
import { verifyRequest } from "../../../../handlers/lib/schemes";
import { SourceSecretError } from "../../../../handlers/lib/source-secret";
import { hmacSha256VerificationSchema } from "../../../../handlers/lib/verification";

const body = Buffer.from("{}");
const signature = createHmac("sha256", "k").update(body).digest("hex");
const withBasic = hmacSha256VerificationSchema.parse({ scheme: "hmac-sha256", basicAuth: true });
const auth = `Basic ${Buffer.from("u:p").toString("base64")}`;

describe("verifyRequest", () => {
  it("requires both the signature and the credentials when basic auth is on", () => {
    const secret = { signingKeys: ["k"], basicAuth: ["u:p"] };
    expect(verifyRequest({ body, headers: { "x-signature": signature, authorization: auth } }, withBasic, secret)).toEqual({ ok: true });
    expect(verifyRequest({ body, headers: { "x-signature": signature } }, withBasic, secret)).toEqual({ ok: false, reason: "missing-credentials" });
    expect(verifyRequest({ body, headers: { authorization: auth } }, withBasic, secret)).toEqual({ ok: false, reason: "missing-signature" });
  });

  it("treats a secret that lacks what a check needs as a fault to retry, not a forgery", () => {
    const headers = { "x-signature": signature, authorization: auth };
    expect(() => verifyRequest({ body, headers }, withBasic, { signingKeys: ["k"], basicAuth: [] })).toThrow(SourceSecretError);
    expect(() => verifyRequest({ body, headers }, withBasic, { signingKeys: [], basicAuth: ["u:p"] })).toThrow(SourceSecretError);
  });
});
