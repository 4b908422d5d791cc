import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; the body's `event_id` and `event_type`.
 * https://www.typeform.com/developers/webhooks/secure-your-webhooks/
 */
export const typeformSettingsSchema = z
  .object({
    scheme: z.literal("typeform"),
  })
  .strict();

export const typeform = preset(
  hmac,
  typeformSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "sha256=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "typeform-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "event_id", eventType: { field: "event_type" } },
);
