import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Notion: `X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with the
 * subscription's verification token; the event's `id` and `type` are in the body.
 * https://developers.notion.com/reference/webhooks
 */
export const notionSettingsSchema = namedSettings("notion");

export const notion = preset(hmac, notionSettingsSchema, hmacOf({ header: "x-notion-signature", prefix: "sha256=" }), { deliveryIdField: "id", eventType: { field: "type" } });
