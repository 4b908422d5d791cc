import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the app secret.
 * https://www.dropbox.com/developers/reference/webhooks
 */
export const dropboxSettingsSchema = namedSettings("dropbox");

export const dropbox = preset(hmac, dropboxSettingsSchema, hmacOf({ header: "x-dropbox-signature" }), {});
