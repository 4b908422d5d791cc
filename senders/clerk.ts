import { preset, timedSettings } from "./preset";
import { standardWebhooks, type StandardWebhooksSettings } from "./standard-webhooks";

/**
 * Clerk: Svix's signatures (`svix-id`, `svix-timestamp`, `svix-signature: v1,<base64>`), keyed with
 * the endpoint's `whsec_…` signing secret; the body's `type`.
 * https://clerk.com/docs/webhooks/sync-data
 */
export const clerkSettingsSchema = timedSettings("clerk");

export const clerk = preset(standardWebhooks, clerkSettingsSchema, (s): StandardWebhooksSettings => ({ scheme: "standard-webhooks", headerPrefix: "svix", toleranceSeconds: s.toleranceSeconds }), { eventType: { field: "type" } });
