import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";
import { toleranceSeconds } from "./digest";

/**
 * HubSpot (v3 signatures): `X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of "POST" + URL + raw body +
 * timestamp>` keyed with the app's client secret, the time in `X-HubSpot-Request-Timestamp` (Unix
 * milliseconds, 5 minutes). HubSpot decodes some percent-encoded characters of the URL before
 * signing; a plain URL is signed as is.
 * https://developers.hubspot.com/docs/api/webhooks/validating-requests
 */
export const hubspotSettingsSchema = z
  .object({
    scheme: z.literal("hubspot"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export const hubspot = preset(
  hmac,
  hubspotSettingsSchema,
  (s): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "",
    signedContent: "POST{url}{body}{timestamp}",
    timestampFormat: "unix-ms",
    header: "x-hubspot-signature-v3",
    timestampHeader: "x-hubspot-request-timestamp",
    toleranceSeconds: s.toleranceSeconds,
  }),
  {},
);
