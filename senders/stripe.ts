import { z } from "zod";
import { toleranceSeconds } from "./digest";
import { preset } from "./preset";
import { signatureHeader, signatureHeaderOf } from "./signature-header";

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`, each v1 an HMAC-SHA256 of
 * `"<t>.<raw body>"` keyed with the endpoint's `whsec_...` secret as a string; several v1 appear
 * while a secret is being rolled. https://docs.stripe.com/webhooks#verify-manually
 */
export const stripeSettingsSchema = z
  .object({
    scheme: z.literal("stripe"),
    /** Replay window, in seconds, past and future. @default 300 (Stripe's libraries' default) */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export type StripeSettings = z.infer<typeof stripeSettingsSchema>;

export const stripe = preset(
  signatureHeader,
  stripeSettingsSchema,
  signatureHeaderOf({ header: "stripe-signature", timestampKey: "t", signatureKey: "v1", separator: ",", signedContent: "{timestamp}.{body}", encoding: "hex" }),
  // Stripe sends no delivery id header: the event's own `id` is in the body, the same on every retry.
  { deliveryIdField: "id", eventType: { field: "type" } },
);
