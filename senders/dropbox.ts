import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the app secret.
 * https://www.dropbox.com/developers/reference/webhooks
 */
export const dropboxSettingsSchema = z
  .object({
    scheme: z.literal("dropbox"),
  })
  .strict();

export const dropbox = preset(
  hmac,
  dropboxSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-dropbox-signature",
    toleranceSeconds: 300,
  }),
  {},
);
