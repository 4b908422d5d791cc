import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Lemon Squeezy: `X-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the webhook's signing
 * secret; event type in `X-Event-Name`. https://docs.lemonsqueezy.com/help/webhooks/signing-requests
 */
export const lemonSqueezySettingsSchema = namedSettings("lemon-squeezy");

export const lemonSqueezy = preset(hmac, lemonSqueezySettingsSchema, hmacOf({ header: "x-signature" }), { eventType: { header: "x-event-name" } });
