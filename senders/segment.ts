import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Segment (webhook destination): `X-Signature: <hex HMAC-SHA1 of the raw body>` keyed with the
 * shared secret; the message's `messageId` and `type` are in the body.
 * https://segment.com/docs/connections/destinations/catalog/webhooks/
 */
export const segmentSettingsSchema = namedSettings("segment");

export const segment = preset(hmac, segmentSettingsSchema, hmacOf({ header: "x-signature", algorithm: "sha1" }), { deliveryIdField: "messageId", eventType: { field: "type" } });
