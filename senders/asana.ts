import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Asana: `X-Hook-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the `X-Hook-Secret` of the
 * webhook's handshake. https://developers.asana.com/docs/webhooks-guide
 */
export const asanaSettingsSchema = namedSettings("asana");

export const asana = preset(hmac, asanaSettingsSchema, hmacOf({ header: "x-hook-signature" }), {});
