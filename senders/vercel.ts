import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Vercel: `x-vercel-signature: <hex HMAC-SHA1 of the raw body>` keyed with the integration's or
 * webhook's secret; the body's `id` and `type`.
 * https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks
 */
export const vercelSettingsSchema = namedSettings("vercel");

export const vercel = preset(hmac, vercelSettingsSchema, hmacOf({ header: "x-vercel-signature", algorithm: "sha1" }), { deliveryIdField: "id", eventType: { field: "type" } });
