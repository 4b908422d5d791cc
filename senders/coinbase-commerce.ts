import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Coinbase Commerce: `X-CC-Webhook-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the
 * shared secret; the body's event `id` and `type` sit under `event`.
 * https://docs.cdp.coinbase.com/commerce/docs/webhooks-security
 */
export const coinbaseCommerceSettingsSchema = z
  .object({
    scheme: z.literal("coinbase-commerce"),
  })
  .strict();

export const coinbaseCommerce = preset(
  hmac,
  coinbaseCommerceSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-cc-webhook-signature",
    toleranceSeconds: 300,
  }),
  {},
);
