import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Sentry (integration platform): `Sentry-Hook-Signature: <hex HMAC-SHA256 of the raw body>` keyed
 * with the integration's client secret; the resource in `Sentry-Hook-Resource`.
 * https://docs.sentry.io/organization/integrations/integration-platform/webhooks/
 */
export const sentrySettingsSchema = z
  .object({
    scheme: z.literal("sentry"),
  })
  .strict();

export const sentry = preset(
  hmac,
  sentrySettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "sentry-hook-signature",
    toleranceSeconds: 300,
  }),
  { eventType: { header: "sentry-hook-resource" } },
);
