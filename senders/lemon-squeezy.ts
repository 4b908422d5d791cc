import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Lemon Squeezy: `X-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the webhook's signing
 * secret; event type in `X-Event-Name`. https://docs.lemonsqueezy.com/help/webhooks/signing-requests
 */
export const lemonSqueezySettingsSchema = z
  .object({
    scheme: z.literal("lemon-squeezy"),
  })
  .strict();

export const lemonSqueezy = preset(
  hmac,
  lemonSqueezySettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-signature",
    toleranceSeconds: 300,
  }),
  { eventType: { header: "x-event-name" } },
);
