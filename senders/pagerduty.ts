import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * PagerDuty (v3 webhooks): `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>` keyed with
 * the subscription's secret. (During a secret rotation PagerDuty sends two comma-separated values;
 * this preset reads one.) https://developer.pagerduty.com/docs/webhooks/webhook-signatures/
 */
export const pagerdutySettingsSchema = z
  .object({
    scheme: z.literal("pagerduty"),
  })
  .strict();

export const pagerduty = preset(
  hmac,
  pagerdutySettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "v1=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-pagerduty-signature",
    toleranceSeconds: 300,
  }),
  {},
);
