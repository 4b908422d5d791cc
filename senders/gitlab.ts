import { apiKey, type ApiKeySettings } from "./api-key";
import { namedSettings, preset } from "./preset";

/**
 * GitLab: the webhook's secret token sent as is in `X-Gitlab-Token` (no signature: use TLS, and the
 * replay claims); event in `X-Gitlab-Event`, delivery id in `Idempotency-Key` (the same on every
 * retry). https://docs.gitlab.com/user/project/integrations/webhooks/
 */
export const gitlabSettingsSchema = namedSettings("gitlab");

export const gitlab = preset(apiKey, gitlabSettingsSchema, (): ApiKeySettings => ({ scheme: "api-key", header: "x-gitlab-token", prefix: "" }), { deliveryIdHeader: "idempotency-key", eventType: { header: "x-gitlab-event" } });
