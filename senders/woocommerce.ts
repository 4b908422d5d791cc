import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * WooCommerce: `X-WC-Webhook-Signature: <base64 HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; topic in `X-WC-Webhook-Topic`.
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks
 */
export const woocommerceSettingsSchema = namedSettings("woocommerce");

export const woocommerce = preset(hmac, woocommerceSettingsSchema, hmacOf({ header: "x-wc-webhook-signature", encoding: "base64" }), { eventType: { header: "x-wc-webhook-topic" } });
