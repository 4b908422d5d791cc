import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Jira (admin webhooks with a secret): `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`;
 * delivery id in `X-Atlassian-Webhook-Identifier`, event type in the body's `webhookEvent`.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */
export const jiraSettingsSchema = namedSettings("jira");

export const jira = preset(hmac, jiraSettingsSchema, hmacOf({ header: "x-hub-signature", prefix: "sha256=" }), { deliveryIdHeader: "x-atlassian-webhook-identifier", eventType: { field: "webhookEvent" } });
