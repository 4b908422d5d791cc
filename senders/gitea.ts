import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Gitea (and Forgejo): `X-Gitea-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; event type in `X-Gitea-Event`. https://docs.gitea.com/usage/webhooks
 */
export const giteaSettingsSchema = namedSettings("gitea");

export const gitea = preset(hmac, giteaSettingsSchema, hmacOf({ header: "x-gitea-signature" }), { eventType: { header: "x-gitea-event" } });
