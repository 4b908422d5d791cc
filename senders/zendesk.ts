import { hmac, hmacOf } from "./hmac";
import { preset, timedSettings } from "./preset";

/**
 * Zendesk: `X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256 of timestamp + raw body>` keyed with
 * the webhook's signing secret, the time in `X-Zendesk-Webhook-Signature-Timestamp` (RFC 3339).
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 */
export const zendeskSettingsSchema = timedSettings("zendesk");

export const zendesk = preset(hmac, zendeskSettingsSchema, hmacOf({ header: "x-zendesk-webhook-signature", encoding: "base64", signedContent: "{timestamp}{body}", timestampHeader: "x-zendesk-webhook-signature-timestamp", timestampFormat: "rfc3339" }), {});
