import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * WooCommerce: `X-WC-Webhook-Signature: <base64 HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; topic in `X-WC-Webhook-Topic`.
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks
 */
export const woocommerceSettingsSchema = z
  .object({
    scheme: z.literal("woocommerce"),
  })
  .strict();

export const woocommerce = preset(
  hmac,
  woocommerceSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-wc-webhook-signature",
    toleranceSeconds: 300,
  }),
  { eventType: { header: "x-wc-webhook-topic" } },
);
