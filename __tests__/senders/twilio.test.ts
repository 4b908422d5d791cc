import { twilio, twilioSettingsSchema } from "../../senders/twilio";
import { twilio as twilioSigner } from "../../senders/signing/twilio";

const jsonUrl = (url: string, body: Buffer) => twilioSigner.url!(url, body, "application/json; charset=utf-8");
import { describeTampering } from "../support/schemes";

const settings = twilioSettingsSchema.parse({ scheme: "twilio" });

// Twilio's published vectors, from its helper libraries' request validator tests (twilio-python
// tests/unit/test_request_validator.py; the same values in twilio-go, twilio-php and twilio-csharp):
// auth token "12345", https://www.twilio.com/docs/usage/webhooks/webhooks-security
const TOKEN = "12345";
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
const SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_URL = `${URL}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;
const JSON_SIGNATURE = "a9nBmqA0ju/hNViExpshrM61xv4=";
const DUPLICATES: [string, string][] = [["Sid", "CA123"], ["SidAccount", "AC123"], ["Digits", "5678"], ["Digits", "1234"], ["Digits", "1234"]];
const DUPLICATES_SIGNATURE = "IK+Dwps556ElfBT0I3Rgjkr1wJU=";

const form = (params: Record<string, string> | [string, string][]) => Buffer.from(new URLSearchParams(params).toString());
const request = (body: Buffer, signature: string, url = URL) => ({ body, headers: { "X-Twilio-Signature": signature }, url, receivedAt: 0 });

describe("twilio", () => {
  it("passes Twilio's form vector, whatever the order of the form's fields", () => {
    expect(twilio.verify(request(form(PARAMS), SIGNATURE), settings, [TOKEN])).toMatchObject({ ok: true });
    const reversed = form(Object.entries(PARAMS).reverse());
    expect(twilio.verify(request(reversed, SIGNATURE), settings, [TOKEN])).toMatchObject({ ok: true });
  });

  it("passes Twilio's vector for a repeated field, each value signed once, sorted", () => {
    expect(twilio.verify(request(form(DUPLICATES), DUPLICATES_SIGNATURE), settings, [TOKEN])).toMatchObject({ ok: true });
  });

  it("passes Twilio's JSON vector, where the URL's bodySHA256 binds the body", () => {
    expect(twilio.verify(request(Buffer.from(JSON_BODY), JSON_SIGNATURE, JSON_URL), settings, [TOKEN])).toMatchObject({ ok: true });
    expect(jsonUrl(URL, Buffer.from(JSON_BODY))).toBe(JSON_URL);
    expect(twilioSigner.url!(URL, form(PARAMS), "application/x-www-form-urlencoded")).toBe(URL);
    const tampered = Buffer.from(JSON_BODY.replace("true", "false"));
    expect(twilio.verify(request(tampered, JSON_SIGNATURE, JSON_URL), settings, [TOKEN])).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("signs the vectors the same way", () => {
    const sign = (body: Buffer, url: string) => twilioSigner.sign({ body, url, timestamp: 0, id: "" }, settings, TOKEN)["x-twilio-signature"];
    expect(sign(form(PARAMS), URL)).toBe(SIGNATURE);
    expect(sign(Buffer.from(JSON_BODY), JSON_URL)).toBe(JSON_SIGNATURE);
  });

  it("fails when the URL differs from the one Twilio signed, and tolerates the default port either way", () => {
    expect(twilio.verify(request(form(PARAMS), SIGNATURE, URL.replace("https:", "http:")), settings, [TOKEN])).toMatchObject({ ok: false });
    expect(twilio.verify(request(form(PARAMS), SIGNATURE, URL.replace("foo=1", "foo=2")), settings, [TOKEN])).toMatchObject({ ok: false });
    const withPort = URL.replace(".com/", ".com:443/");
    expect(twilio.verify(request(form(PARAMS), SIGNATURE, withPort), settings, [TOKEN])).toMatchObject({ ok: true });
    const signedWithPort = twilioSigner.sign({ body: form(PARAMS), url: withPort, timestamp: 0, id: "" }, settings, TOKEN)["x-twilio-signature"];
    expect(twilio.verify(request(form(PARAMS), signedWithPort), settings, [TOKEN])).toMatchObject({ ok: true });
  });

  it("accepts forms and JSON, and takes the delivery id from I-Twilio-Idempotency-Token", () => {
    expect(twilio.contentTypes).toEqual(["application/x-www-form-urlencoded", "application/json"]);
    expect(twilio.deliveryIdHeader(settings)).toBe("i-twilio-idempotency-token");
  });

  describe("tampering, JSON body", () => {
    const body = Buffer.from(JSON_BODY);
    describeTampering({
      scheme: twilio, signer: twilioSigner,
      settings,
      secret: TOKEN,
      message: { body, url: jsonUrl("https://hooks.example.com/v1/webhooks/twilio", body), timestamp: 0, id: "" },
      signatureHeader: "x-twilio-signature",
    });
  });

  describe("tampering, form body", () => {
    describeTampering({
      scheme: twilio, signer: twilioSigner,
      settings,
      secret: TOKEN,
      message: { body: form(PARAMS), url: URL, timestamp: 0, id: "" },
      signatureHeader: "x-twilio-signature",
    });
  });
});
