import { slack, slackSettingsSchema } from "../../senders/slack";
import { slack as slackSigner } from "../../senders/signing/slack";
import { describeTampering, requestsOf } from "../support/schemes";

const settings = slackSettingsSchema.parse({ scheme: "slack" });

// Slack's worked example, "Verifying requests from Slack" (a slash command posted as a form):
// https://api.slack.com/authentication/verifying-requests-from-slack#a-recipe-for-security
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TIMESTAMP = 1531420618;
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
  "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
  "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

const request = requestsOf("https://example.com/v1/webhooks/slack", BODY, TIMESTAMP);

describe("slack", () => {
  it("passes Slack's documented example, and signs it the same way", () => {
    const headers = { "X-Slack-Signature": SIGNATURE, "X-Slack-Request-Timestamp": String(TIMESTAMP) };
    expect(slack.verify(request(headers), settings, [SECRET])).toMatchObject({ ok: true });
    const message = { body: Buffer.from(BODY), url: "", timestamp: TIMESTAMP, id: "" };
    expect(slackSigner.sign(message, settings, SECRET)).toEqual({ "x-slack-signature": SIGNATURE, "x-slack-request-timestamp": String(TIMESTAMP) });
  });

  it("names its reasons, and checks the timestamp before anything else is trusted", () => {
    const verdict = (headers: Record<string, string>) => slack.verify(request(headers), settings, [SECRET]);
    expect(verdict({ "x-slack-signature": SIGNATURE })).toEqual({ ok: false, reason: "missing-timestamp" });
    expect(verdict({ "x-slack-signature": SIGNATURE, "x-slack-request-timestamp": "1531420618.5" })).toEqual({ ok: false, reason: "malformed-timestamp" });
    expect(verdict({ "x-slack-signature": SIGNATURE, "x-slack-request-timestamp": "1531420619" })).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verdict({ "x-slack-signature": SIGNATURE.replace("v0=", "v1="), "x-slack-request-timestamp": String(TIMESTAMP) })).toEqual({
      ok: false,
      reason: "malformed-signature",
    });
  });

  it("accepts forms and JSON, with a configurable window", () => {
    expect(slack.contentTypes).toEqual(["application/x-www-form-urlencoded", "application/json"]);
    const narrow = slackSettingsSchema.parse({ scheme: "slack", toleranceSeconds: 30 });
    const headers = { "x-slack-signature": SIGNATURE, "x-slack-request-timestamp": String(TIMESTAMP) };
    expect(slack.verify(request(headers, (TIMESTAMP + 31) * 1000), narrow, [SECRET])).toEqual({ ok: false, reason: "stale-timestamp" });
  });

  describe("tampering", () => {
    describeTampering({
      scheme: slack, signer: slackSigner,
      settings,
      secret: SECRET,
      message: { body: Buffer.from(BODY), url: "", timestamp: TIMESTAMP, id: "" },
      signatureHeader: "x-slack-signature",
      toleranceSeconds: 300,
    });
  });
});
