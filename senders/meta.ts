import { matchesAnySecret, refused, text } from "./handshake";
import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Meta (WhatsApp Business, Messenger, Instagram): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the raw body>` keyed with the app secret; the body's `object`. Its subscription check, a GET with
 * `hub.challenge`, is answered when the verify token is one of the source's secrets.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
export const metaSettingsSchema = namedSettings("meta");

export const meta = preset(hmac, metaSettingsSchema, hmacOf({ header: "x-hub-signature-256", prefix: "sha256=" }), {
  eventType: { field: "object" },
  // The subscription check: a GET whose verify token must be one of the source's secrets (store
  // `["<app secret>", "<verify token>"]`), answered with its challenge as text.
  handshake: {
    method: "GET",
    recognizes: (request) => request.method === "GET" && request.query["hub.mode"] === "subscribe",
    answer: (request, _s, secrets) => {
      const token = request.query["hub.verify_token"] ?? "";
      const challenge = request.query["hub.challenge"] ?? "";
      return token !== "" && challenge !== "" && matchesAnySecret(token, secrets) ? text(challenge) : refused();
    },
  },
});
