import { parseSourceSecret, SourceSecretError, type SecretParts } from "../../senders/source-secret";

const one = (values: string[]) => ({ delivery: values, handshake: values });
const META: SecretParts = { delivery: "appSecret", handshake: "verifyToken" };

function refusal(text: string, parts?: SecretParts): Error {
  try {
    parseSourceSecret(text, parts);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceSecretError);
    return error as Error;
  }
  throw new Error(`${text} was accepted`);
}

describe("parseSourceSecret, a secret of one part", () => {
  it("reads a plain string as the one active secret, for every check", () => {
    expect(parseSourceSecret("s3cr3t")).toEqual(one(["s3cr3t"]));
    expect(parseSourceSecret("12345")).toEqual(one(["12345"]));
    // A plain secret may start with "{" and is taken whole, as it always was.
    expect(parseSourceSecret("{not json")).toEqual(one(["{not json"]));
  });

  it("reads a JSON array as several active secrets, for rotation", () => {
    expect(parseSourceSecret('["new","old"]')).toEqual(one(["new", "old"]));
    expect(parseSourceSecret(' ["only"] ')).toEqual(one(["only"]));
  });

  it("refuses a JSON object, which is for senders whose secret has parts, rather than take it as one string", () => {
    expect(refusal('{"appSecret":"a","verifyToken":"b"}').message).toMatch(/more than one kind of secret/);
  });

  it.each(['["unclosed"', "[]", '[""]', "[1]", '[["nested"]]', ""])("refuses %j without echoing it", (text) => {
    const error = refusal(text);
    if (text.length > 2) expect(error.message).not.toContain(text);
  });
});

describe("parseSourceSecret, a secret of named parts (Meta's app secret and verify token)", () => {
  it("gives each check its own part, each rotating on its own", () => {
    expect(parseSourceSecret('{"appSecret":"app","verifyToken":"token"}', META)).toEqual({ delivery: ["app"], handshake: ["token"] });
    expect(parseSourceSecret('{"appSecret":["new","old"],"verifyToken":["t2","t1"]}', META)).toEqual({ delivery: ["new", "old"], handshake: ["t2", "t1"] });
  });

  it("refuses the old array form, saying what to store instead", () => {
    const error = refusal('["app secret","verify token"]', META);
    expect(error.message).toContain('{"appSecret": "…", "verifyToken": "…"}');
    expect(error.message).not.toContain("verify token\"");
    expect(refusal("app secret", META).message).toContain("two parts");
  });

  it.each([
    ['{"appSecret":"a"}', /verifyToken is missing/],
    ['{"appSecret":"a","verifyToken":"b","extra":"c"}', /unknown part\(s\) "extra"/],
    ['{"appSecret":[],"verifyToken":"b"}', /appSecret holds an empty secret/],
    ['{"appSecret":"a","verifyToken":7}', /verifyToken must be a string or an array of strings/],
    ['{"appSecret":["same","old"],"verifyToken":"same"}', /verifyToken must differ from every appSecret/],
  ])("refuses %s", (text, message) => {
    const error = refusal(text, META);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/same|"a"|"b"|"c"/);
  });
});
