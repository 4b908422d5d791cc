import { z } from "zod";
import { hmac, hmacOf } from "./hmac";
import { preset } from "./preset";

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; delivery id in
 * `X-GitHub-Delivery`, event type in `X-GitHub-Event`. https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export const githubSettingsSchema = z.object({ scheme: z.literal("github") }).strict();

const AS_HMAC = hmacOf({ header: "x-hub-signature-256", encoding: "hex", prefix: "sha256=" });

export const github = preset(hmac, githubSettingsSchema, AS_HMAC, { deliveryIdHeader: "x-github-delivery", eventType: { header: "x-github-event" } });
