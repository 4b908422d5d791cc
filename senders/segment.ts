import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Segment (webhook destination): `X-Signature: <hex HMAC-SHA1 of the raw body>` keyed with the
 * shared secret; the message's `messageId` and `type` are in the body.
 * https://segment.com/docs/connections/destinations/catalog/webhooks/
 */
export const segmentSettingsSchema = z
  .object({
    scheme: z.literal("segment"),
  })
  .strict();

export const segment = preset(
  hmac,
  segmentSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha1",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "messageId", eventType: { field: "type" } },
);
