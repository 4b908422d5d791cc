import { refused, text } from "./handshake";
import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the app secret; its
 * endpoint check, a GET with `challenge`, is echoed. https://www.dropbox.com/developers/reference/webhooks
 */
export const dropboxSettingsSchema = namedSettings("dropbox");

export const dropbox = preset(hmac, dropboxSettingsSchema, hmacOf({ header: "x-dropbox-signature" }), {
  // The endpoint check: a GET with `challenge`, echoed as text that cannot render. It uses no
  // secret, so it proves nothing and reveals nothing; deliveries are verified on their own.
  handshake: {
    method: "GET",
    recognizes: (request) => request.method === "GET" && typeof request.query.challenge === "string",
    answer: (request) => (request.query.challenge === "" ? refused() : text(request.query.challenge)),
  },
});
