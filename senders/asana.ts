import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Asana: `X-Hook-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the `X-Hook-Secret` of the
 * webhook's handshake. https://developers.asana.com/docs/webhooks-guide
 */
export const asanaSettingsSchema = z
  .object({
    scheme: z.literal("asana"),
  })
  .strict();

export const asana = preset(
  hmac,
  asanaSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-hook-signature",
    toleranceSeconds: 300,
  }),
  {},
);
