import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256 of notification URL + raw body>` keyed
 * with the subscription's signature key: the URL as Square was given it (a custom domain's, when
 * there is one); the body's `event_id` and `type`.
 * https://developer.squareup.com/docs/webhooks/step3validate
 */
export const squareSettingsSchema = z
  .object({
    scheme: z.literal("square"),
  })
  .strict();

export const square = preset(
  hmac,
  squareSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "base64",
    prefix: "",
    signedContent: "{url}{body}",
    timestampFormat: "unix",
    header: "x-square-hmacsha256-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "event_id", eventType: { field: "type" } },
);
