import { hmac, hmacOf } from "./hmac";
import { preset, timedSettings } from "./preset";

/**
 * HubSpot (v3 signatures): `X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of "POST" + URL + raw body +
 * timestamp>` keyed with the app's client secret, the time in `X-HubSpot-Request-Timestamp` (Unix
 * milliseconds, 5 minutes). HubSpot decodes some percent-encoded characters of the URL before
 * signing; a plain URL is signed as is.
 * https://developers.hubspot.com/docs/api/webhooks/validating-requests
 */
export const hubspotSettingsSchema = timedSettings("hubspot");

export const hubspot = preset(hmac, hubspotSettingsSchema, hmacOf({ header: "x-hubspot-signature-v3", encoding: "base64", signedContent: "POST{url}{body}{timestamp}", timestampHeader: "x-hubspot-request-timestamp", timestampFormat: "unix-ms" }), {});
