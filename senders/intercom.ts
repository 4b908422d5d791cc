import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>` keyed with the app's client
 * secret; the notification's `id` and `topic` are in the body.
 * https://developers.intercom.com/docs/references/webhooks/webhook-models
 */
export const intercomSettingsSchema = z
  .object({
    scheme: z.literal("intercom"),
  })
  .strict();

export const intercom = preset(
  hmac,
  intercomSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha1",
    encoding: "hex",
    prefix: "sha1=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-hub-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "id", eventType: { field: "topic" } },
);
