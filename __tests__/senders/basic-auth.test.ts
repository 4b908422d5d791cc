import { basicAuth, basicAuthSettingsSchema } from "../../senders/basic-auth";
import { basicAuth as basicAuthSigner } from "../../senders/signing/basic-auth";
import { SourceSecretError } from "../../senders/source-secret";
import { describeTampering } from "../support/schemes";

const request = (headers: Record<string, string>) => ({ body: Buffer.from("{}"), headers, url: "", receivedAt: 0 });
const message = { body: Buffer.from('{"id":1}'), url: "", timestamp: 0, id: "" };

describe("basic-auth", () => {
  const settings = basicAuthSettingsSchema.parse({ scheme: "basic-auth" });
  const secrets = ["hooks:s3cr3t:with:colons", "old:pass"];
  const basic = (credentials: string) => ({ Authorization: `Basic ${Buffer.from(credentials).toString("base64")}` });

  it("accepts any active user:password, whatever the case of the scheme word", () => {
    expect(basicAuth.verify(request(basic("hooks:s3cr3t:with:colons")), settings, secrets)).toMatchObject({ ok: true });
    expect(basicAuth.verify(request(basic("old:pass")), settings, secrets)).toMatchObject({ ok: true });
    expect(basicAuth.verify(request({ authorization: `basic   ${Buffer.from("old:pass").toString("base64")}` }), settings, secrets)).toMatchObject({ ok: true });
  });

  it("reads RFC 7617's example, and writes it", () => {
    // RFC 7617, section 2: user-id "Aladdin", password "open sesame".
    const header = { Authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" };
    expect(basicAuth.verify(request(header), settings, ["Aladdin:open sesame"])).toMatchObject({ ok: true });
    expect(basicAuthSigner.sign(message, settings, "Aladdin:open sesame")).toEqual({ authorization: header.Authorization });
  });

  it("names why it rejects", () => {
    expect(basicAuth.verify(request({}), settings, secrets)).toEqual({ ok: false, reason: "missing-credentials" });
    expect(basicAuth.verify(request({ authorization: "Bearer abc" }), settings, secrets)).toEqual({ ok: false, reason: "malformed-signature" });
    expect(basicAuth.verify(request(basic("hooks:wrong")), settings, secrets)).toEqual({ ok: false, reason: "credentials-mismatch" });
    expect(basicAuth.verify(request(basic("hooks:s3cr3t:with:colon")), settings, secrets)).toEqual({ ok: false, reason: "credentials-mismatch" });
  });

  it("treats a secret that is not user:password as a fault to retry", () => {
    expect(() => basicAuth.verify(request(basic("a:b")), settings, ["no-colon"])).toThrow(SourceSecretError);
  });

  describe("tampering", () => {
    describeTampering({ scheme: basicAuth, signer: basicAuthSigner, settings, secret: "hooks:s3cr3t", message, signatureHeader: "authorization", coversBody: false });
  });
});
