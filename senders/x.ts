import { hmac as mac } from "./digest";
import { json, refused } from "./handshake";
import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";

/**
 * X (Twitter) Account Activity: `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the raw
 * body>` keyed with the app's consumer secret. Its CRC check, a GET with `crc_token`, is answered
 * with the token's HMAC. https://docs.x.com/x-api/webhooks/introduction
 */
export const xSettingsSchema = namedSettings("x");

export const x = preset(hmac, xSettingsSchema, hmacOf({ header: "x-twitter-webhooks-signature", encoding: "base64", prefix: "sha256=" }), {
  // The challenge-response check (CRC): a GET with `crc_token`, answered with its HMAC under the
  // consumer secret (the first active one), which proves the endpoint holds it.
  handshake: {
    method: "GET",
    recognizes: (request) => request.method === "GET" && typeof request.query.crc_token === "string",
    answer: (request, _s, secrets) =>
      request.query.crc_token === "" || secrets.length === 0
        ? refused()
        : json({ response_token: `sha256=${mac("sha256", secrets[0], request.query.crc_token).toString("base64")}` }),
  },
});
