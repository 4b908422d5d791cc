import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";
import { toleranceSeconds } from "./digest";

/**
 * Zoom: `x-zm-signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` keyed with the app's
 * secret token, the time in `x-zm-request-timestamp` (Unix seconds); the body's `event`.
 * https://developers.zoom.us/docs/api/webhooks/
 */
export const zoomSettingsSchema = z
  .object({
    scheme: z.literal("zoom"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export const zoom = preset(
  hmac,
  zoomSettingsSchema,
  (s): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "v0=",
    signedContent: "v0:{timestamp}:{body}",
    timestampFormat: "unix",
    header: "x-zm-signature",
    timestampHeader: "x-zm-request-timestamp",
    toleranceSeconds: s.toleranceSeconds,
  }),
  { eventType: { field: "event" } },
);
