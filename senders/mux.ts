import { preset, timedSettings } from "./preset";
import { signatureHeader, signatureHeaderOf } from "./signature-header";

/**
 * Mux: `Mux-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with the webhook's
 * signing secret; the body's `id` and `type`. https://docs.mux.com/core/verify-webhook-signatures
 */
export const muxSettingsSchema = timedSettings("mux");

export const mux = preset(signatureHeader, muxSettingsSchema, signatureHeaderOf({ header: "mux-signature", timestampKey: "t", signatureKey: "v1", separator: ",", signedContent: "{timestamp}.{body}", encoding: "hex" }), { deliveryIdField: "id", eventType: { field: "type" } });
