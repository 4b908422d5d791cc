import { matchesAnySecret, refused, text } from "./handshake";
import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Meta (WhatsApp Business, Messenger, Instagram): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the raw body>` keyed with the app secret; the body's `object`. Its subscription check, a GET with
 * `hub.challenge`, is answered when `hub.verify_token` is the verify token you gave Meta.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 *
 * The two are different secrets: the secret is `{"appSecret": …, "verifyToken": …}`. The verify
 * token is chosen by hand and sent in a URL, so it never verifies a signature; the app secret is
 * never compared with what a caller sends, so the check is no oracle for guessing it.
 */
export const metaSettingsSchema = namedSettings("meta");

export const meta = preset(hmac, metaSettingsSchema, hmacOf({ header: "x-hub-signature-256", prefix: "sha256=" }), {
  eventType: { field: "object" },
  secretParts: { delivery: "appSecret", handshake: "verifyToken" },
  // The subscription check: the verify token compared in constant time with the verifyToken part
  // only; the answer is the caller's own challenge, as text that cannot render. It proves only that
  // the caller knows the verify token.
  handshake: {
    method: "GET",
    recognizes: (request) => request.method === "GET" && request.query["hub.mode"] === "subscribe",
    answer: (request, _s, secrets) => {
      const token = request.query["hub.verify_token"] ?? "";
      const challenge = request.query["hub.challenge"] ?? "";
      return token !== "" && challenge !== "" && matchesAnySecret(token, secrets.handshake) ? text(challenge) : refused();
    },
  },
});
