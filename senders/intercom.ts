import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>` keyed with the app's client
 * secret; the notification's `id` and `topic` are in the body.
 * https://developers.intercom.com/docs/references/webhooks/webhook-models
 */
export const intercomSettingsSchema = namedSettings("intercom");

export const intercom = preset(hmac, intercomSettingsSchema, hmacOf({ header: "x-hub-signature", prefix: "sha1=", algorithm: "sha1" }), { deliveryIdField: "id", eventType: { field: "topic" } });
