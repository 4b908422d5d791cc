import { EnvelopeError, parseEnvelope, rawBody, type Envelope } from "../../delivery/envelope";

const envelope: Envelope = {
  v: 1,
  source: "users",
  deliveryId: "d-1",
  receivedAt: 1_700_000_000_000,
  requestId: "r-1",
  sourceIp: "203.0.113.7",
  url: "https://example.com/v1/webhooks/users",
  contentType: "application/json",
  headers: { "x-signature": "ab" },
  body: Buffer.from([0, 255, 1, 128]).toString("base64"),
};

describe("the envelope", () => {
  it("parses and gives back the exact body bytes", () => {
    const parsed = parseEnvelope(JSON.stringify(envelope));
    expect(parsed).toEqual(envelope);
    expect([...rawBody(parsed)]).toEqual([0, 255, 1, 128]);
  });

  it("says what is wrong with a message that is not an envelope of this version", () => {
    const reason = (text: string) => {
      try {
        parseEnvelope(text);
        return "parsed";
      } catch (error) {
        expect(error).toBeInstanceOf(EnvelopeError);
        return (error as EnvelopeError).reason;
      }
    };
    expect(reason("not json")).toBe("body is not JSON");
    expect(reason(JSON.stringify({ ...envelope, v: 2 }))).toMatch(/^v: /);
    const { deliveryId: _, ...missing } = envelope;
    expect(reason(JSON.stringify(missing))).toMatch(/^deliveryId: Required/);
  });

  it("never quotes the message it could not read: the reason is logged", () => {
    expect(() => parseEnvelope("{secret-looking text")).toThrow(new EnvelopeError("body is not JSON"));
  });

  it.each(["%%%%", "AAA", "AA=A", "AA AA===", "AAAA\nAAAA", "QUJD*A=="])("refuses the body %j, which is not base64, as it decodes it", (body) => {
    expect(() => rawBody({ ...envelope, body })).toThrow(new EnvelopeError("body: must be base64"));
  });

  it.each(["", "AA==", "AAA=", "AAAA", Buffer.from("any bytes \u0000\u00ff").toString("base64")])("decodes the base64 body %j", (body) => {
    expect(rawBody({ ...envelope, body }).toString("base64")).toBe(body);
  });
});
