import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";
import { toleranceSeconds } from "./digest";

/**
 * Zendesk: `X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256 of timestamp + raw body>` keyed with
 * the webhook's signing secret, the time in `X-Zendesk-Webhook-Signature-Timestamp` (RFC 3339).
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 */
export const zendeskSettingsSchema = z
  .object({
    scheme: z.literal("zendesk"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export const zendesk = preset(
  hmac,
  zendeskSettingsSchema,
  (s): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "",
    signedContent: "{timestamp}{body}",
    timestampFormat: "rfc3339",
    header: "x-zendesk-webhook-signature",
    timestampHeader: "x-zendesk-webhook-signature-timestamp",
    toleranceSeconds: s.toleranceSeconds,
  }),
  {},
);
