import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Jira (admin webhooks with a secret): `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`;
 * delivery id in `X-Atlassian-Webhook-Identifier`, event type in the body's `webhookEvent`.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */
export const jiraSettingsSchema = z
  .object({
    scheme: z.literal("jira"),
  })
  .strict();

export const jira = preset(
  hmac,
  jiraSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-hub-signature",
    toleranceSeconds: 300,
  }),
  { deliveryIdHeader: "x-atlassian-webhook-identifier", eventType: { field: "webhookEvent" } },
);
