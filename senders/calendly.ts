import { z } from "zod";
import { preset } from "./preset";
import { signatureHeader, signatureHeaderOf } from "./signature-header";
import { toleranceSeconds } from "./digest";

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed
 * with the subscription's signing key; the body's `event`.
 * https://developer.calendly.com/api-docs/4c305798a61d3-webhook-signatures
 */
export const calendlySettingsSchema = z
  .object({
    scheme: z.literal("calendly"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export const calendly = preset(
  signatureHeader,
  calendlySettingsSchema,
  signatureHeaderOf({
    header: "calendly-webhook-signature",
    timestampKey: "t",
    signatureKey: "v1",
    separator: ",",
    signedContent: "{timestamp}.{body}",
    encoding: "hex",
  }),
  { eventType: { field: "event" } },
);
