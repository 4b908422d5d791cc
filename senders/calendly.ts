import { preset, timedSettings } from "./preset";
import { signatureHeader, signatureHeaderOf } from "./signature-header";

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed
 * with the subscription's signing key; the body's `event`.
 * https://developer.calendly.com/api-docs/4c305798a61d3-webhook-signatures
 */
export const calendlySettingsSchema = timedSettings("calendly");

export const calendly = preset(signatureHeader, calendlySettingsSchema, signatureHeaderOf({ header: "calendly-webhook-signature", timestampKey: "t", signatureKey: "v1", separator: ",", signedContent: "{timestamp}.{body}", encoding: "hex" }), { eventType: { field: "event" } });
