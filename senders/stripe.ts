import { z } from "zod";
import { headerValue } from "../delivery/headers";
import { decodeDigest, hmac, matchVerdict, timestampProblem, toleranceSeconds } from "./digest";
import { rejected, type SignatureScheme } from "./scheme";
import { JSON_CONTENT } from "../delivery/payload";

export const STRIPE_HEADER = "stripe-signature";

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`, each v1 an HMAC-SHA256 of
 * `"<t>.<raw body>"` keyed with the endpoint's `whsec_...` secret as a string; several v1 appear
 * while a secret is being rolled. https://docs.stripe.com/webhooks#verify-manually
 */
export const stripeSettingsSchema = z.object({
  scheme: z.literal("stripe"),
  /** Replay window, in seconds, past and future. @default 300 (Stripe's libraries' default) */
  toleranceSeconds: toleranceSeconds(),
}).strict();

export type StripeSettings = z.infer<typeof stripeSettingsSchema>;

/** The header's `t` and `v1` values; undefined when there is not exactly one `t`. */
function parseHeader(header: string): { t: string; v1: string[] } | undefined {
  const t: string[] = [];
  const v1: string[] = [];
  for (const item of header.split(",")) {
    const at = item.indexOf("=");
    if (at < 0) continue;
    const [key, value] = [item.slice(0, at).trim(), item.slice(at + 1).trim()];
    if (key === "t") t.push(value);
    if (key === "v1") v1.push(value);
  }
  return t.length === 1 ? { t: t[0], v1 } : undefined;
}

export const stripe: SignatureScheme<StripeSettings> = {
  settings: stripeSettingsSchema,
  headers: () => [STRIPE_HEADER],
  // Stripe sends no delivery id header: the event's own `id` is in the body, the same on every retry.
  deliveryIdHeader: () => undefined,
  deliveryIdField: "id",
  contentTypes: [JSON_CONTENT],
  eventType: { field: "type" },
  verify(request, s, secrets) {
    const header = headerValue(request.headers, STRIPE_HEADER);
    if (header.trim() === "") return rejected("missing-signature");
    const parsed = parseHeader(header);
    if (!parsed) return rejected("malformed-signature");
    const problem = timestampProblem(parsed.t, request.receivedAt, s.toleranceSeconds);
    if (problem) return rejected(problem);
    const presented = parsed.v1.map((v) => decodeDigest(v, "hex", "sha256")).filter((d): d is Buffer => d !== undefined);
    if (presented.length === 0) return rejected("malformed-signature");
    return matchVerdict(presented, secrets.map((secret) => hmac("sha256", secret, `${parsed.t}.`, request.body)));
  },
};
