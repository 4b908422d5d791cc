import { createHash } from "node:crypto";
import { z } from "zod";
import { constantTimeEqual } from "./constant-time";
import { headerValue } from "../delivery/headers";
import { decodeDigest, hmac, matchVerdict } from "./digest";
import { rejected, type SignatureScheme } from "./scheme";
import { FORM_CONTENT, JSON_CONTENT } from "../delivery/payload";

export const TWILIO_HEADER = "x-twilio-signature";

/**
 * Twilio: `X-Twilio-Signature` is base64 HMAC-SHA1, keyed with the auth token, of the public URL
 * followed by every form parameter as name + value, sorted by name. A JSON body is instead bound
 * by a `bodySHA256` query parameter (hex SHA-256 of the body) in the signed URL.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export const twilioSettingsSchema = z.object({ scheme: z.literal("twilio") }).strict();

export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

/** Form parameters as Twilio signs them: names sorted, each name's distinct values sorted. */
function sortedParameters(body: Buffer): string {
  const values = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(body.toString("utf8"))) {
    values.set(name, (values.get(name) ?? new Set()).add(value));
  }
  return [...values.keys()]
    .sort()
    .map((name) => [...values.get(name)!].sort().map((value) => name + value).join(""))
    .join("");
}

/**
 * Twilio may sign the URL with or without the scheme's default port: both are tried. The first is
 * the URL without its port, which a replay claim keys on whichever form verified.
 */
function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#:]+)(:\d+)?(.*)$/s.exec(url);
  if (!match) return [url];
  const [, protocol, host, port, rest] = match;
  return port ? [`${protocol}://${host}${rest}`, url] : [url, `${protocol}://${host}:${protocol === "https" ? 443 : 80}${rest}`];
}

function bodySha256Parameter(url: string): string | undefined {
  const query = url.indexOf("?");
  return query < 0 ? undefined : (new URLSearchParams(url.slice(query + 1)).get("bodySHA256") ?? undefined);
}

/** What is signed besides the URL: nothing when the URL binds the body by hash, else the form. */
export const signedParameters = (url: string, body: Buffer) => (bodySha256Parameter(url) === undefined ? sortedParameters(body) : "");

export const twilio: SignatureScheme<TwilioSettings> = {
  signsUrlQuery: true,
  settings: twilioSettingsSchema,
  headers: () => [TWILIO_HEADER],
  proofHeaders: () => [TWILIO_HEADER],
  deliveryIdHeader: () => "i-twilio-idempotency-token",
  contentTypes: [FORM_CONTENT, JSON_CONTENT],
  verify(request, _s, secrets) {
    const sent = headerValue(request.headers, TWILIO_HEADER).trim();
    if (sent === "") return rejected("missing-signature");
    const digest = decodeDigest(sent, "base64", "sha1");
    if (!digest) return rejected("malformed-signature");
    const bodyHash = bodySha256Parameter(request.url);
    const parameters = signedParameters(request.url, request.body);
    const urls = urlVariants(request.url);
    const expected = secrets.flatMap((token) => urls.map((url) => hmac("sha1", token, url, parameters)));
    // The parameters as signed, sorted: a form re-encoded or reordered is the same delivery.
    const verdict = matchVerdict([digest], expected, [urls[0], parameters]);
    if (!verdict.ok || bodyHash === undefined) return verdict;
    const actualHash = createHash("sha256").update(request.body).digest("hex");
    return constantTimeEqual(bodyHash.toLowerCase(), actualHash) ? verdict : rejected("signature-mismatch");
  },
};
