import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Sentry (integration platform): `Sentry-Hook-Signature: <hex HMAC-SHA256 of the raw body>` keyed
 * with the integration's client secret; the resource in `Sentry-Hook-Resource`.
 * https://docs.sentry.io/organization/integrations/integration-platform/webhooks/
 */
export const sentrySettingsSchema = namedSettings("sentry");

export const sentry = preset(hmac, sentrySettingsSchema, hmacOf({ header: "sentry-hook-signature" }), { eventType: { header: "sentry-hook-resource" } });
