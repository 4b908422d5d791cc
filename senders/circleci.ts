import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * CircleCI: `circleci-signature: v1=<hex HMAC-SHA256 of the raw body>` keyed with the webhook's
 * secret; event type in `Circleci-Event-Type`, the body's `id`. https://circleci.com/docs/webhooks/
 */
export const circleciSettingsSchema = namedSettings("circleci");

export const circleci = preset(hmac, circleciSettingsSchema, hmacOf({ header: "circleci-signature", prefix: "v1=" }), { deliveryIdField: "id", eventType: { header: "circleci-event-type" } });
