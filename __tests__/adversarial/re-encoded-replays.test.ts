import fc from "fast-check";
import { replayKey } from "../../delivery/replay";
import { sourceSettings } from "../../delivery/source-settings";
import { SCHEMES, type SchemeName } from "../../senders";
import type { SignedContent, SignedRequest } from "../../senders/scheme";
import { signatureFields } from "../../senders/mailgun";
import { isCrcToken } from "../../senders/x";
import { sourceConfigSchema } from "../../stacks/config";
import { localAws, type LocalAws } from "../../local/local-aws";
import { AttackTwin } from "../support/attack-twin";
import { invokeValidate, VALIDATE_QUARANTINE, VALIDATE_TABLE } from "../support/bundles";
import { signedRecord } from "../support/deliveries";
import { CASES, message, setup } from "../support/scheme-cases";

/**
 * Attack: replay a captured delivery under a new delivery id, its signature written another way the
 * verifier still accepts, so that a claim keyed on the header's text misses it. Every re-encoding
 * must land on the claim of the original: replay claims key on what the verdict vouched for.
 */

/** Ways to write a signature header that a lenient verifier may still accept, each as an attacker would try it. */
const REENCODINGS: Record<string, (value: string) => string> = {
  "hex digits upper-cased": (v) => v.replace(/[0-9a-f]{32,}/g, (hex) => hex.toUpperCase()),
  "hex digits in mixed case": (v) => v.replace(/[0-9a-f]{32,}/g, (hex) => [...hex].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join("")),
  "a trailing space": (v) => `${v} `,
  "a leading tab": (v) => `\t${v}`,
  "a trailing no-break space (U+00A0)": (v) => `${v}\u00a0`,
  "base64 padding dropped": (v) => v.replace(/([A-Za-z0-9+/]{16,})=+/g, "$1"),
  "list items repeated": (v) => `${v}${separatorOf(v)}${v.split(separatorOf(v)).pop()}`,
  "list items reversed": (v) => v.split(separatorOf(v)).reverse().join(separatorOf(v)),
  "an unknown list item added": (v) => (separatorOf(v) === " " ? `${v} v9,AAAA` : `${v}${separatorOf(v)}v0=00`),
  "spaces after list separators": (v) => v.replace(/([,;])/g, "$1 "),
  "the auth scheme in lower case": (v) => v.replace(/^(Basic|Bearer)\b/, (word) => word.toLowerCase()),
  "the auth scheme upper-cased, then tabs": (v) => v.replace(/^(Basic|Bearer) /, (_, word: string) => `${word.toUpperCase()}\t\t`),
};

/** How a header separates its list's items: Standard Webhooks' `v1,<sig> v1,<sig>` by spaces, `key=value` lists by `;` or `,`. */
function separatorOf(value: string): string {
  if (/^v\d+[a-z]?,/.test(value.trim())) return " ";
  return value.includes(";") ? ";" : value.includes(",") ? "," : " ";
}

/** Every request an attacker makes by re-encoding one header the scheme reads (or Mailgun's signature, which is in the body). */
function reencoded(request: SignedRequest, headers: readonly string[], name: string): { how: string; where: string; request: SignedRequest }[] {
  const found: { how: string; where: string; request: SignedRequest }[] = [];
  for (const [how, reencode] of Object.entries(REENCODINGS)) {
    for (const header of headers) {
      const value = request.headers[header];
      if (value !== undefined && reencode(value) !== value) found.push({ how, where: header, request: { ...request, headers: { ...request.headers, [header]: reencode(value) } } });
    }
    if (name === "mailgun") {
      const signature = signatureFields(request.body)?.signature;
      const body = signature && request.body.toString("utf8").replace(signature, reencode(signature));
      if (body && body !== request.body.toString("utf8")) found.push({ how, where: "the body's signature", request: { ...request, body: Buffer.from(body) } });
    }
  }
  return found;
}

describe("re-encoded replays: every accepted re-encoding of a genuine signature lands on the original's claim", () => {
  /** Which re-encodings each sender's verifier accepted: the property is not vacuous. */
  const accepted = new Map<string, Set<string>>();

  it.each(Object.keys(CASES) as SchemeName[])("%s", (name) => {
    const { settings, scheme, request } = setup(name, CASES[name].settings);
    const headers = scheme.headers(settings);
    fc.assert(
      fc.property(message, CASES[name].secret, (m, secret) => {
        fc.pre(name !== "x" || !isCrcToken(m.body.toString("latin1")));
        const genuine = request(m, secret);
        const verdict = scheme.verify(genuine, settings, [secret]);
        if (!verdict.ok) throw new Error(`${name}: a genuine delivery did not verify`);
        const claim = replayKey(name, verdict.signed);
        for (const attempt of reencoded(genuine, headers, name)) {
          const again = scheme.verify(attempt.request, settings, [secret]);
          if (!again.ok) continue;
          accepted.set(name, (accepted.get(name) ?? new Set()).add(attempt.how));
          expect([attempt.how, attempt.where, replayKey(name, again.signed)]).toEqual([attempt.how, attempt.where, claim]);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("was tried on re-encodings the verifiers accept, not only on ones they refuse", () => {
    expect(accepted.size).toBe(Object.keys(SCHEMES).length - 1); // Graph's proof is an exact string in the body: nothing to re-encode.
    expect([...accepted.get("github")!]).toEqual(expect.arrayContaining(["hex digits upper-cased", "hex digits in mixed case", "a trailing no-break space (U+00A0)", "a leading tab"]));
    expect([...accepted.get("x")!]).toContain("base64 padding dropped");
    expect([...accepted.get("stripe")!]).toEqual(expect.arrayContaining(["list items repeated", "list items reversed", "an unknown list item added", "spaces after list separators"]));
    expect([...accepted.get("standard-webhooks")!]).toEqual(expect.arrayContaining(["list items repeated", "an unknown list item added"]));
    expect([...accepted.get("basic-auth")!]).toEqual(expect.arrayContaining(["the auth scheme in lower case", "the auth scheme upper-cased, then tabs"]));
    expect([...accepted.get("mailgun")!]).toContain("hex digits upper-cased");
  });
});

describe("a Twilio form re-encoded", () => {
  const { settings, scheme, signer } = setup("twilio", {});
  const url = "https://hooks.example.com/v1/webhooks/twilio";
  const token = "0123456789abcdef0123456789abcdef";
  const fields = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/), fc.string({ maxLength: 40 }), { minKeys: 2, maxKeys: 12 });

  it("lands on the original's claim: Twilio signs the decoded fields, so reordered fields and spaces as `+` or `%20` are one delivery", () => {
    fc.assert(
      fc.property(fields, (f) => {
        const body = Buffer.from(new URLSearchParams(f).toString());
        const headers = signer.sign({ body, url, timestamp: 0, id: "" }, settings, token);
        const verdict = scheme.verify({ body, url, receivedAt: 0, headers }, settings, [token]);
        if (!verdict.ok) throw new Error("a genuine form did not verify");
        const reordered = Object.entries(f).reverse().map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
        const again = scheme.verify({ body: Buffer.from(reordered), url, receivedAt: 0, headers }, settings, [token]);
        expect(again).toMatchObject({ ok: true });
        expect(replayKey("twilio", (again as { signed: SignedContent }).signed)).toBe(replayKey("twilio", verdict.signed));
      }),
      { numRuns: 200 },
    );
  });
});

describe("re-encoded replays through the bundled validate handler", () => {
  const arn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/test/${source}-AbCdEf`;
  const SOURCES = {
    github: { schema: "github", verification: { scheme: "github" } },
    x: { schema: "github", verification: { scheme: "x" } },
    shopify: { schema: "github", verification: { scheme: "shopify" } },
    partners: { schema: "github", verification: { scheme: "basic-auth" } },
  } as const;
  const SECRETS: Record<keyof typeof SOURCES, string> = { github: "It's a Secret to Everybody", x: "x-consumer-secret", shopify: "shopify-client-secret", partners: "hooks:s3cret" };
  const configs = Object.fromEntries(Object.entries(SOURCES).map(([source, config]) => [source, sourceConfigSchema.parse(config)]));
  const BODY = JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } });
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await localAws({
      secrets: Object.fromEntries(Object.entries(SECRETS).map(([source, secret]) => [arn(source), secret])),
      queues: [VALIDATE_QUARANTINE],
      tables: [{ name: VALIDATE_TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }],
    });
  });
  afterAll(() => aws.close());

  /** The captured delivery, then each re-encoding of it under a delivery id of its own. */
  const ATTACKS: [source: keyof typeof SOURCES, how: string, reencode: (value: string) => string][] = [
    ["github", "hex digits upper-cased", REENCODINGS["hex digits upper-cased"]],
    ["github", "a trailing no-break space (U+00A0)", REENCODINGS["a trailing no-break space (U+00A0)"]],
    ["x", "base64 padding dropped", REENCODINGS["base64 padding dropped"]],
    ["shopify", "base64 padding dropped", REENCODINGS["base64 padding dropped"]],
    ["partners", "the auth scheme in lower case", REENCODINGS["the auth scheme in lower case"]],
  ];

  it("quarantines each re-encoded replay under a new delivery id as `replay`, after the original is verified", async () => {
    const settings = Object.fromEntries(Object.entries(configs).map(([source, config]) => [source, sourceSettings(config, arn(source))]));
    const record = (source: keyof typeof SOURCES, id: string, reencode?: (value: string) => string) =>
      signedRecord(source, configs[source], {
        body: BODY,
        contentType: "application/json",
        secret: SECRETS[source],
        messageId: `${source}/${id}`,
        headers: { "X-GitHub-Delivery": id, "X-GitHub-Event": "issues", "X-Shopify-Webhook-Id": id, "X-Shopify-Topic": "orders/create" },
        reencode: reencode && ((headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, reencode(value)]))),
      });
    const originals = (["github", "x", "shopify", "partners"] as const).map((source) => record(source, "captured"));
    expect((await invokeValidate(aws, settings, originals)).items.map((i) => i.outcome)).toEqual(["verified", "verified", "verified", "verified"]);
    const replays = ATTACKS.map(([source, how, reencode], i) => record(source, `replayed-${i}: ${how}`, reencode));
    const { items } = await invokeValidate(aws, settings, replays);
    expect(items.map((i) => [i.messageId, i.reason ?? i.outcome])).toEqual(replays.map((r) => [r.messageId, "replay"]));
  }, 60_000);
});

describe("re-encoded replays on the twin", () => {
  let attack: AttackTwin;
  beforeAll(async () => {
    attack = await AttackTwin.start("replays", { github: { schema: "github", verification: { scheme: "github" } }, x: { schema: "github", verification: { scheme: "x" } } }, { github: "gh-secret", x: "x-secret" });
  }, 60_000);
  afterAll(() => attack?.stop());

  const body = Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } }));

  it("processes a captured GitHub delivery once: re-sent with its digest upper-cased or a no-break space under new X-GitHub-Delivery ids, it is quarantined as `replay`", async () => {
    const captured = attack.sign("github", { body, secret: "gh-secret", deliveryId: "gh-captured", event: "issues" });
    const original = await attack.post(captured);
    // The attacker replays what was already delivered: the original is processed first.
    expect(await attack.verdictOf(original.messageId!)).toBe("verified");
    const upper = await attack.post(captured, (h) => ({ ...h, "x-github-delivery": "gh-upper", "x-hub-signature-256": REENCODINGS["hex digits upper-cased"](h["x-hub-signature-256"]) }));
    const spaced = await attack.post(captured, (h) => ({ ...h, "x-github-delivery": "gh-nbsp", "x-hub-signature-256": `${h["x-hub-signature-256"]}\u00a0` }));
    expect([original.status, upper.status, spaced.status]).toEqual([200, 200, 200]);
    expect([await attack.verdictOf(upper.messageId!), await attack.verdictOf(spaced.messageId!)]).toEqual(["replay", "replay"]);
    expect(attack.twin.eventBridge.events.filter((e) => e.Source === "webhooks.github")).toHaveLength(1);
  });

  it("processes a captured X delivery once: re-sent with its base64 padding dropped, it is quarantined as `replay`", async () => {
    const captured = attack.sign("x", { body, secret: "x-secret" });
    const original = await attack.post(captured);
    expect(await attack.verdictOf(original.messageId!)).toBe("verified");
    const unpadded = await attack.post(captured, (h) => ({ ...h, "x-twitter-webhooks-signature": h["x-twitter-webhooks-signature"].replace(/=+$/, "") }));
    expect(await attack.verdictOf(unpadded.messageId!)).toBe("replay");
  });
});
