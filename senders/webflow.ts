import { hmac, hmacOf } from "./hmac";
import { preset, timedSettings } from "./preset";

/**
 * Webflow: `x-webflow-signature: <hex HMAC-SHA256 of "<timestamp>:<raw body>">` keyed with the
 * webhook's secret, the time in `x-webflow-timestamp` (Unix milliseconds); the body's `triggerType`.
 * https://developers.webflow.com/data/docs/working-with-webhooks
 */
export const webflowSettingsSchema = timedSettings("webflow");

export const webflow = preset(hmac, webflowSettingsSchema, hmacOf({ header: "x-webflow-signature", signedContent: "{timestamp}:{body}", timestampHeader: "x-webflow-timestamp", timestampFormat: "unix-ms" }), { eventType: { field: "triggerType" } });
