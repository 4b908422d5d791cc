import { z } from "zod";
import { basicAuth, type BasicAuthSettings } from "./basic-auth";
import { preset } from "./preset";

/**
 * Postmark: Basic auth credentials in the webhook URL's settings, sent in `Authorization: Basic …`
 * (no signature); the body's `RecordType`.
 * https://postmarkapp.com/developer/webhooks/webhooks-overview
 */
export const postmarkSettingsSchema = z
  .object({
    scheme: z.literal("postmark"),
  })
  .strict();

export const postmark = preset(
  basicAuth,
  postmarkSettingsSchema,
  (): BasicAuthSettings => ({
    scheme: "basic-auth",
  }),
  { eventType: { field: "RecordType" } },
);
