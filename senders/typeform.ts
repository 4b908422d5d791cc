import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; the body's `event_id` and `event_type`.
 * https://www.typeform.com/developers/webhooks/secure-your-webhooks/
 */
export const typeformSettingsSchema = namedSettings("typeform");

export const typeform = preset(hmac, typeformSettingsSchema, hmacOf({ header: "typeform-signature", encoding: "base64", prefix: "sha256=" }), { deliveryIdField: "event_id", eventType: { field: "event_type" } });
