import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Bitbucket Cloud: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; event type in `X-Event-Key`.
 * https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/
 */
export const bitbucketSettingsSchema = namedSettings("bitbucket");

export const bitbucket = preset(hmac, bitbucketSettingsSchema, hmacOf({ header: "x-hub-signature", prefix: "sha256=" }), { eventType: { header: "x-event-key" } });
