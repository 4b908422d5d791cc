import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256 of notification URL + raw body>` keyed
 * with the subscription's signature key: the URL as Square was given it (a custom domain's, when
 * there is one); the body's `event_id` and `type`.
 * https://developer.squareup.com/docs/webhooks/step3validate
 */
export const squareSettingsSchema = namedSettings("square");

export const square = preset(hmac, squareSettingsSchema, hmacOf({ header: "x-square-hmacsha256-signature", encoding: "base64", signedContent: "{url}{body}" }), { deliveryIdField: "event_id", eventType: { field: "type" } });
