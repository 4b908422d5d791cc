import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Linear: `Linear-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the webhook's signing
 * secret; event type in `Linear-Event`. https://linear.app/developers/webhooks
 */
export const linearSettingsSchema = z
  .object({
    scheme: z.literal("linear"),
  })
  .strict();

export const linear = preset(
  hmac,
  linearSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "linear-signature",
    toleranceSeconds: 300,
  }),
  { eventType: { header: "linear-event" } },
);
