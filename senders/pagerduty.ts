import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * PagerDuty (v3 webhooks): `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>` keyed with
 * the subscription's secret. (During a secret rotation PagerDuty sends two comma-separated values;
 * this preset reads one.) https://developer.pagerduty.com/docs/webhooks/webhook-signatures/
 */
export const pagerdutySettingsSchema = namedSettings("pagerduty");

export const pagerduty = preset(hmac, pagerdutySettingsSchema, hmacOf({ header: "x-pagerduty-signature", prefix: "v1=" }), {});
