import { apiKey, apiKeySettingsSchema } from "../../senders/api-key";
import { apiKey as apiKeySigner } from "../../senders/signing/api-key";
import { describeTampering } from "../support/schemes";

const request = (headers: Record<string, string>) => ({ body: Buffer.from("{}"), headers, url: "", receivedAt: 0 });
const message = { body: Buffer.from('{"id":1}'), url: "", timestamp: 0, id: "" };

describe("api-key", () => {
  const bearer = apiKeySettingsSchema.parse({ scheme: "api-key", header: "Authorization", prefix: "Bearer " });

  it("compares the key after its prefix with every active key", () => {
    expect(apiKey.verify(request({ Authorization: "Bearer k-2" }), bearer, ["k-1", "k-2"])).toMatchObject({ ok: true });
    expect(apiKey.verify(request({ Authorization: "Bearer k-3" }), bearer, ["k-1", "k-2"])).toEqual({ ok: false, reason: "credentials-mismatch" });
    expect(apiKey.verify(request({ Authorization: "Token k-2" }), bearer, ["k-2"])).toEqual({ ok: false, reason: "malformed-signature" });
    expect(apiKey.verify(request({}), bearer, ["k-2"])).toEqual({ ok: false, reason: "missing-credentials" });
  });

  it("reads an Authorization scheme in any case, as HTTP says, and any other prefix exactly", () => {
    for (const scheme of ["bearer", "BEARER", "BeArEr"]) {
      expect(apiKey.verify(request({ Authorization: `${scheme} k-2` }), bearer, ["k-2"])).toMatchObject({ ok: true });
    }
    expect(apiKey.verify(request({ Authorization: "Bearer K-2" }), bearer, ["k-2"])).toEqual({ ok: false, reason: "credentials-mismatch" });
    const prefixed = apiKeySettingsSchema.parse({ scheme: "api-key", header: "X-Key", prefix: "sk_" });
    expect(apiKey.verify(request({ "X-Key": "sk_k-2" }), prefixed, ["k-2"])).toMatchObject({ ok: true });
    expect(apiKey.verify(request({ "X-Key": "SK_k-2" }), prefixed, ["k-2"])).toEqual({ ok: false, reason: "malformed-signature" });
  });

  it("defaults to X-Api-Key", () => {
    const settings = apiKeySettingsSchema.parse({ scheme: "api-key" });
    expect(apiKey.headers(settings)).toEqual(["x-api-key"]);
    expect(apiKey.verify(request({ "X-API-KEY": "k" }), settings, ["k"])).toMatchObject({ ok: true });
  });

  describe("tampering", () => {
    describeTampering({ scheme: apiKey, signer: apiKeySigner, settings: bearer, secret: "key-0123456789", message, signatureHeader: "authorization", coversBody: false });
  });
});
