import { preset, timedSettings } from "./preset";
import { signatureHeader, signatureHeaderOf } from "./signature-header";

/**
 * Buildkite: `X-Buildkite-Signature: timestamp=<unix>,signature=<hex HMAC-SHA256 of
 * "<timestamp>.<raw body>">` keyed with the webhook's token; event type in `X-Buildkite-Event`.
 * https://buildkite.com/docs/apis/webhooks#webhook-signature
 */
export const buildkiteSettingsSchema = timedSettings("buildkite");

export const buildkite = preset(signatureHeader, buildkiteSettingsSchema, signatureHeaderOf({ header: "x-buildkite-signature", timestampKey: "timestamp", signatureKey: "signature", separator: ",", signedContent: "{timestamp}.{body}", encoding: "hex" }), { eventType: { header: "x-buildkite-event" } });
