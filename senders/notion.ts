import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Notion: `X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with the
 * subscription's verification token; the event's `id` and `type` are in the body.
 * https://developers.notion.com/reference/webhooks
 */
export const notionSettingsSchema = z
  .object({
    scheme: z.literal("notion"),
  })
  .strict();

export const notion = preset(
  hmac,
  notionSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-notion-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "id", eventType: { field: "type" } },
);
