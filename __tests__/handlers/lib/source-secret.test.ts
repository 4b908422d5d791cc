import { parseSourceSecret, SourceSecretError } from "../../../handlers/lib/source-secret";

describe("parseSourceSecret", () => {
  it("takes a plain string as the one signing key, even if it looks like JSON scalars", () => {
    expect(parseSourceSecret("s3cr3t")).toEqual({ signingKeys: ["s3cr3t"], basicAuth: [] });
    expect(parseSourceSecret("12345")).toEqual({ signingKeys: ["12345"], basicAuth: [] });
  });

  it("takes a JSON array as several active keys", () => {
    expect(parseSourceSecret('["new","old"]')).toEqual({ signingKeys: ["new", "old"], basicAuth: [] });
  });

  it("takes a JSON object with signing keys and basic auth credentials", () => {
    expect(parseSourceSecret('{"signingKeys":"k","basicAuth":["u:p","v:q"]}')).toEqual({ signingKeys: ["k"], basicAuth: ["u:p", "v:q"] });
  });

  it.each(['["unclosed"', "[]", '[""]', "[1]", '{"signingKey":"typo"}', '{"basicAuth":7}'])("refuses %s without echoing it", (text) => {
    let error: unknown;
    try {
      parseSourceSecret(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceSecretError);
    expect((error as Error).message).not.toContain(text);
  });
});
