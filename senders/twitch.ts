import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";
import { toleranceSeconds } from "./digest";

/**
 * Twitch EventSub: `Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256 of message id +
 * timestamp + raw body>`, the id in `Twitch-Eventsub-Message-Id`, the time in
 * `Twitch-Eventsub-Message-Timestamp` (RFC 3339); the subscription type in
 * `Twitch-Eventsub-Subscription-Type`.
 * https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message
 */
export const twitchSettingsSchema = z
  .object({
    scheme: z.literal("twitch"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export const twitch = preset(
  hmac,
  twitchSettingsSchema,
  (s): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signedContent: "{id}{timestamp}{body}",
    timestampFormat: "rfc3339",
    header: "twitch-eventsub-message-signature",
    timestampHeader: "twitch-eventsub-message-timestamp",
    idHeader: "twitch-eventsub-message-id",
    toleranceSeconds: s.toleranceSeconds,
  }),
  { eventType: { header: "twitch-eventsub-subscription-type" } },
);
