import { preset, timedSettings } from "./preset";
import { signatureHeader, signatureHeaderOf } from "./signature-header";

/**
 * Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex HMAC-SHA256 of "<ts>:<raw body>">` keyed with
 * the notification destination's secret (several h1 while it is rotated); the body's `event_id` and
 * `event_type`. https://developer.paddle.com/webhooks/signature-verification
 */
export const paddleSettingsSchema = timedSettings("paddle");

export const paddle = preset(signatureHeader, paddleSettingsSchema, signatureHeaderOf({ header: "paddle-signature", timestampKey: "ts", signatureKey: "h1", separator: ";", signedContent: "{timestamp}:{body}", encoding: "hex" }), { deliveryIdField: "event_id", eventType: { field: "event_type" } });
