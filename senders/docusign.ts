import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * DocuSign Connect: `X-DocuSign-Signature-1: <base64 HMAC-SHA256 of the raw body>` keyed with a
 * Connect HMAC key (up to 100 keys, numbered headers; this preset reads the first).
 * https://developers.docusign.com/platform/webhooks/connect/hmac/
 */
export const docusignSettingsSchema = namedSettings("docusign");

export const docusign = preset(hmac, docusignSettingsSchema, hmacOf({ header: "x-docusign-signature-1", encoding: "base64" }), {});
