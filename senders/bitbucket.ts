import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Bitbucket Cloud: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; event type in `X-Event-Key`.
 * https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/
 */
export const bitbucketSettingsSchema = z
  .object({
    scheme: z.literal("bitbucket"),
  })
  .strict();

export const bitbucket = preset(
  hmac,
  bitbucketSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-hub-signature",
    toleranceSeconds: 300,
  }),
  { eventType: { header: "x-event-key" } },
);
