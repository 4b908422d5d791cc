import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Linear: `Linear-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the webhook's signing
 * secret; event type in `Linear-Event`. https://linear.app/developers/webhooks
 */
export const linearSettingsSchema = namedSettings("linear");

export const linear = preset(hmac, linearSettingsSchema, hmacOf({ header: "linear-signature" }), { eventType: { header: "linear-event" } });
