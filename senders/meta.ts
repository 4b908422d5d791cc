import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Meta (WhatsApp Business, Messenger, Instagram): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 * the raw body>` keyed with the app secret; the body's `object`. (The GET verification handshake is
 * not answered yet.) https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
export const metaSettingsSchema = namedSettings("meta");

export const meta = preset(hmac, metaSettingsSchema, hmacOf({ header: "x-hub-signature-256", prefix: "sha256=" }), { eventType: { field: "object" } });
