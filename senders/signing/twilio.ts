import { createHash } from "node:crypto";
import { JSON_CONTENT, mediaType } from "../../delivery/payload";
import { hmac } from "../digest";
import { signedParameters, TWILIO_HEADER, type TwilioSettings } from "../twilio";
import type { Signer } from "./signer";

export const twilio: Signer<TwilioSettings> = {
  // Twilio posts JSON to the webhook URL with the body's hash added to its query string, and signs that URL.
  url: (endpoint, body, contentType) =>
    mediaType(contentType) === JSON_CONTENT
      ? `${endpoint}${endpoint.includes("?") ? "&" : "?"}bodySHA256=${createHash("sha256").update(body).digest("hex")}`
      : endpoint,
  sign: (message, _s, secret) => ({
    [TWILIO_HEADER]: hmac("sha1", secret, message.url, signedParameters(message.url, message.body)).toString("base64"),
  }),
};
