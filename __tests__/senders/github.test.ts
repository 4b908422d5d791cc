import { github, githubSettingsSchema } from "../../senders/github";
import { github as githubSigner } from "../../senders/signing/github";
import { describeTampering, type SchemeCase } from "../support/schemes";

const settings = githubSettingsSchema.parse({ scheme: "github" });
const request = (signature: string, body = "Hello, World!") => ({
  body: Buffer.from(body),
  headers: { "X-Hub-Signature-256": signature },
  url: "https://example.com/v1/webhooks/github",
  receivedAt: 0,
});

describe("github", () => {
  // GitHub's published test values, "Testing the webhook payload validation":
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
  const SECRET = "It's a Secret to Everybody";
  const SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  it("passes GitHub's documented test vector, and signs it the same way", () => {
    expect(github.verify(request(SIGNATURE), settings, [SECRET])).toMatchObject({ ok: true });
    const message = { body: Buffer.from("Hello, World!"), url: "", timestamp: 0, id: "" };
    expect(githubSigner.sign(message, settings, SECRET)).toEqual({ "x-hub-signature-256": SIGNATURE });
  });

  it("names its reasons", () => {
    expect(github.verify(request(SIGNATURE.toUpperCase()), settings, [SECRET])).toEqual({ ok: false, reason: "malformed-signature" });
    expect(github.verify(request(SIGNATURE.slice(7)), settings, [SECRET])).toEqual({ ok: false, reason: "malformed-signature" });
    expect(github.verify(request(SIGNATURE.slice(0, -2)), settings, [SECRET])).toEqual({ ok: false, reason: "malformed-signature" });
    expect(github.verify(request(SIGNATURE, "Hello, World?"), settings, [SECRET])).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("forwards the signature and takes the delivery id from X-GitHub-Delivery", () => {
    expect(github.headers(settings)).toEqual(["x-hub-signature-256"]);
    expect(github.deliveryIdHeader(settings)).toBe("x-github-delivery");
  });

  describe("tampering", () => {
    const c: SchemeCase<typeof settings> = {
      scheme: github, signer: githubSigner,
      settings,
      secret: SECRET,
      message: { body: Buffer.from('{"zen":"Keep it logically awesome."}'), url: "", timestamp: 1_700_000_000, id: "" },
      signatureHeader: "x-hub-signature-256",
    };
    describeTampering(c);
  });
});
