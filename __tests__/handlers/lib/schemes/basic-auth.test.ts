import { verifyBasicAuth } from "../../../../handlers/lib/schemes/basic-auth";

const secret = { signingKeys: ["k"], basicAuth: ["hooks:s3cr3t:with:colons", "old:pass"] };
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;
const verdict = (authorization?: string) =>
  verifyBasicAuth({ body: Buffer.alloc(0), headers: authorization === undefined ? {} : { Authorization: authorization } }, undefined, secret);

describe("basic-auth", () => {
  it("accepts any configured user:password pair", () => {
    expect(verdict(basic("hooks:s3cr3t:with:colons"))).toEqual({ ok: true });
    expect(verdict(basic("old:pass"))).toEqual({ ok: true });
    expect(verdict(`basic   ${Buffer.from("old:pass").toString("base64")}`)).toEqual({ ok: true });
  });

  it("names why it rejects", () => {
    expect(verdict()).toEqual({ ok: false, reason: "missing-credentials" });
    expect(verdict("Bearer abc")).toEqual({ ok: false, reason: "malformed-signature" });
    expect(verdict(basic("hooks:wrong"))).toEqual({ ok: false, reason: "credentials-mismatch" });
    expect(verdict(basic("hooks:s3cr3t:with:colon"))).toEqual({ ok: false, reason: "credentials-mismatch" });
  });
});
