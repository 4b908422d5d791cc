import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * CircleCI: `circleci-signature: v1=<hex HMAC-SHA256 of the raw body>` keyed with the webhook's
 * secret; event type in `Circleci-Event-Type`, the body's `id`. https://circleci.com/docs/webhooks/
 */
export const circleciSettingsSchema = z
  .object({
    scheme: z.literal("circleci"),
  })
  .strict();

export const circleci = preset(
  hmac,
  circleciSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "v1=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "circleci-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdField: "id", eventType: { header: "circleci-event-type" } },
);
