import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * X (Twitter) Account Activity: `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the raw
 * body>` keyed with the app's consumer secret. (The CRC handshake is not answered yet.)
 * https://docs.x.com/x-api/webhooks/introduction
 */
export const xSettingsSchema = namedSettings("x");

export const x = preset(hmac, xSettingsSchema, hmacOf({ header: "x-twitter-webhooks-signature", encoding: "base64", prefix: "sha256=" }), {});
