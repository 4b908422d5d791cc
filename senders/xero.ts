import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Xero: `x-xero-signature: <base64 HMAC-SHA256 of the raw body>` keyed with the webhook key.
 * https://developer.xero.com/documentation/guides/webhooks/configuring-your-server/
 */
export const xeroSettingsSchema = namedSettings("xero");

export const xero = preset(hmac, xeroSettingsSchema, hmacOf({ header: "x-xero-signature", encoding: "base64" }), {});
