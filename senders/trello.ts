import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Trello: `X-Trello-Webhook: <base64 HMAC-SHA1 of raw body + callback URL>` keyed with the
 * application's secret: the callback URL as Trello was given it.
 * https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures
 */
export const trelloSettingsSchema = namedSettings("trello");

export const trello = preset(hmac, trelloSettingsSchema, hmacOf({ header: "x-trello-webhook", encoding: "base64", algorithm: "sha1", signedContent: "{body}{url}" }), {});
