import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Xero: `x-xero-signature: <base64 HMAC-SHA256 of the raw body>` keyed with the webhook key.
 * https://developer.xero.com/documentation/guides/webhooks/configuring-your-server/
 */
export const xeroSettingsSchema = z
  .object({
    scheme: z.literal("xero"),
  })
  .strict();

export const xero = preset(
  hmac,
  xeroSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-xero-signature",
    toleranceSeconds: 300,
  }),
  {},
);
