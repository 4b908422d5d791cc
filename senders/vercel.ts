import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Vercel: `x-vercel-signature: <hex HMAC-SHA1 of the raw body>` keyed with the integration's or
 * webhook's secret; the body's `id` and `type`.
 * https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks
 */
export const vercelSettingsSchema = z
  .object({
    scheme: z.literal("vercel"),
  })
  .strict();

export const vercel = preset(
  hmac,
  vercelSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha1",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-vercel-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "id", eventType: { field: "type" } },
);
