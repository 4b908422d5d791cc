import { parseSourceSecret, SourceSecretError } from "../../senders/source-secret";

describe("parseSourceSecret", () => {
  it("reads a plain string as the one active secret, whatever it looks like", () => {
    expect(parseSourceSecret("s3cr3t")).toEqual(["s3cr3t"]);
    expect(parseSourceSecret("12345")).toEqual(["12345"]);
    expect(parseSourceSecret('{"looks":"like json"}')).toEqual(['{"looks":"like json"}']);
  });

  it("reads a JSON array as several active secrets, for rotation", () => {
    expect(parseSourceSecret('["new","old"]')).toEqual(["new", "old"]);
    expect(parseSourceSecret(' ["only"] ')).toEqual(["only"]);
  });

  it.each(['["unclosed"', "[]", '[""]', "[1]", '[["nested"]]', ""])("refuses %j without echoing it", (text) => {
    let error: unknown;
    try {
      parseSourceSecret(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceSecretError);
    if (text.length > 2) expect((error as Error).message).not.toContain(text);
  });
});
