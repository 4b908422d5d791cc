import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Coinbase Commerce: `X-CC-Webhook-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the
 * shared secret; the body's event `id` and `type` sit under `event`.
 * https://docs.cdp.coinbase.com/commerce/docs/webhooks-security
 */
export const coinbaseCommerceSettingsSchema = namedSettings("coinbase-commerce");

export const coinbaseCommerce = preset(hmac, coinbaseCommerceSettingsSchema, hmacOf({ header: "x-cc-webhook-signature" }), {});
