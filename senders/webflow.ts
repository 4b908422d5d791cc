import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";
import { toleranceSeconds } from "./digest";

/**
 * Webflow: `x-webflow-signature: <hex HMAC-SHA256 of "<timestamp>:<raw body>">` keyed with the
 * webhook's secret, the time in `x-webflow-timestamp` (Unix milliseconds); the body's `triggerType`.
 * https://developers.webflow.com/data/docs/working-with-webhooks
 */
export const webflowSettingsSchema = z
  .object({
    scheme: z.literal("webflow"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export const webflow = preset(
  hmac,
  webflowSettingsSchema,
  (s): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{timestamp}:{body}",
    timestampFormat: "unix-ms",
    header: "x-webflow-signature",
    timestampHeader: "x-webflow-timestamp",
    toleranceSeconds: s.toleranceSeconds,
  }),
  { eventType: { field: "triggerType" } },
);
