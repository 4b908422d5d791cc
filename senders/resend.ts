import { preset, timedSettings } from "./preset";
import { standardWebhooks, type StandardWebhooksSettings } from "./standard-webhooks";

/**
 * Resend: Svix's signatures (`svix-id`, `svix-timestamp`, `svix-signature: v1,<base64>`), keyed with
 * the endpoint's `whsec_…` secret; the body's `type`.
 * https://resend.com/docs/dashboard/webhooks/verify-webhooks-requests
 */
export const resendSettingsSchema = timedSettings("resend");

export const resend = preset(standardWebhooks, resendSettingsSchema, (s): StandardWebhooksSettings => ({ scheme: "standard-webhooks", headerPrefix: "svix", toleranceSeconds: s.toleranceSeconds }), { eventType: { field: "type" } });
