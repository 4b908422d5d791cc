import { hmac as mac } from "./digest";
import { json, refused } from "./handshake";
import { hmac, hmacOf } from "./hmac";
import { namedSettings, preset } from "./preset";
import { rejected } from "./scheme";

/**
 * X (Twitter) Account Activity: `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256 of the raw
 * body>` keyed with the app's consumer secret. Its CRC check, a GET with `crc_token`, is answered
 * with the token's HMAC. https://docs.x.com/x-api/webhooks/introduction
 */
export const xSettingsSchema = namedSettings("x");

/**
 * What a `crc_token` X sends looks like: base64 text of random bytes (seen: `M2RkODJk…NDQ`, 48
 * characters), never a JSON body. The CRC answer is `HMAC(consumer secret, token)`, exactly the
 * signature of a delivery whose body is the token: so only tokens of this shape are answered, and no
 * delivery whose body has this shape is genuine. No answer is then a delivery signature, whatever
 * a caller asks for, and no JSON delivery X sends is refused (it starts with `{`).
 */
export const CRC_TOKEN = /^[A-Za-z0-9+/_-]{1,256}={0,2}$/;

export const isCrcToken = (text: string): boolean => CRC_TOKEN.test(text);

const base = preset(hmac, xSettingsSchema, hmacOf({ header: "x-twitter-webhooks-signature", encoding: "base64", prefix: "sha256=" }), {
  // The challenge-response check (CRC): a GET with `crc_token`, answered with its HMAC under the
  // consumer secret (the first active one), which proves the endpoint holds it. It proves nothing
  // else, and reveals nothing a delivery could use (see CRC_TOKEN).
  handshake: {
    method: "GET",
    recognizes: (request) => request.method === "GET" && typeof request.query.crc_token === "string",
    answer: (request, _s, secrets) =>
      isCrcToken(request.query.crc_token)
        ? json({ response_token: `sha256=${mac("sha256", secrets.delivery[0], request.query.crc_token).toString("base64")}` })
        : refused(),
  },
});

export const x: typeof base = {
  ...base,
  // A body a CRC answer could have signed is never a delivery: its signature may be one fetched from the CRC.
  verify: (request, s, secrets) => (isCrcToken(request.body.toString("latin1")) ? rejected("signature-mismatch") : base.verify(request, s, secrets)),
};
