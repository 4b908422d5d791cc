import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Trello: `X-Trello-Webhook: <base64 HMAC-SHA1 of raw body + callback URL>` keyed with the
 * application's secret: the callback URL as Trello was given it.
 * https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures
 */
export const trelloSettingsSchema = z
  .object({
    scheme: z.literal("trello"),
  })
  .strict();

export const trello = preset(
  hmac,
  trelloSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha1",
    encoding: "base64",
    prefix: "",
    signedContent: "{body}{url}",
    timestampFormat: "unix",
    header: "x-trello-webhook",
    toleranceSeconds: 300,
  }),
  {},
);
