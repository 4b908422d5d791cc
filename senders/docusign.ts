import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * DocuSign Connect: `X-DocuSign-Signature-1: <base64 HMAC-SHA256 of the raw body>` keyed with a
 * Connect HMAC key (up to 100 keys, numbered headers; this preset reads the first).
 * https://developers.docusign.com/platform/webhooks/connect/hmac/
 */
export const docusignSettingsSchema = z
  .object({
    scheme: z.literal("docusign"),
  })
  .strict();

export const docusign = preset(
  hmac,
  docusignSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-docusign-signature-1",
    toleranceSeconds: 300,
  }),
  {},
);
