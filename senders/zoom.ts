import { hmac as mac } from "./digest";
import { json, jsonField, refused } from "./handshake";
import type { z } from "zod";
import { hmac, hmacOf, type HmacSettings } from "./hmac";
import { preset, timedSettings, type Preset } from "./preset";

/**
 * Zoom: `x-zm-signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` keyed with the app's
 * secret token, the time in `x-zm-request-timestamp` (Unix seconds); the body's `event`.
 * https://developers.zoom.us/docs/api/webhooks/
 */
export const zoomSettingsSchema = timedSettings("zoom");

export const zoom: Preset<z.infer<typeof zoomSettingsSchema>, HmacSettings> = preset(hmac, zoomSettingsSchema, hmacOf({ header: "x-zm-signature", prefix: "v0=", signedContent: "v0:{timestamp}:{body}", timestampHeader: "x-zm-request-timestamp", timestampFormat: "unix" }), {
  eventType: { field: "event" },
  // The endpoint check: a signed `endpoint.url_validation`, answered with its plainToken and that
  // token's hex HMAC-SHA256 under the secret token that signed it. The answer is an HMAC of a
  // caller's text under the signing key, so it is given only to a request Zoom signed within the
  // replay window: nobody else can ask for one, and a replayed check gets the same answer again.
  handshake: {
    method: "POST",
    recognizes: (request) => jsonField(request.body, "event") === "endpoint.url_validation",
    answer: (request, s, secrets) => {
      const plainToken = (jsonField(request.body, "payload") as { plainToken?: unknown } | undefined)?.plainToken;
      const signer = secrets.delivery.find((secret) => zoom.verify(request, s, [secret]).ok);
      if (typeof plainToken !== "string" || signer === undefined) return refused();
      return json({ plainToken, encryptedToken: mac("sha256", signer, plainToken).toString("hex") });
    },
  },
});
