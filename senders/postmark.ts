import { basicAuth } from "./basic-auth";
import { namedSettings, preset } from "./preset";

/**
 * Postmark: Basic auth credentials in the webhook URL's settings, sent in `Authorization: Basic …`
 * (no signature); the body's `RecordType`.
 * https://postmarkapp.com/developer/webhooks/webhooks-overview
 */
export const postmarkSettingsSchema = namedSettings("postmark");

export const postmark = preset(basicAuth, postmarkSettingsSchema, () => ({ scheme: "basic-auth" as const }), { eventType: { field: "RecordType" } });
