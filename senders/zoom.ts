import { hmac, hmacOf } from "./hmac";
import { preset, timedSettings } from "./preset";

/**
 * Zoom: `x-zm-signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` keyed with the app's
 * secret token, the time in `x-zm-request-timestamp` (Unix seconds); the body's `event`.
 * https://developers.zoom.us/docs/api/webhooks/
 */
export const zoomSettingsSchema = timedSettings("zoom");

export const zoom = preset(hmac, zoomSettingsSchema, hmacOf({ header: "x-zm-signature", prefix: "v0=", signedContent: "v0:{timestamp}:{body}", timestampHeader: "x-zm-request-timestamp", timestampFormat: "unix" }), { eventType: { field: "event" } });
