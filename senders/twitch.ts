import { hmac, hmacOf } from "./hmac";
import { preset, timedSettings } from "./preset";

/**
 * Twitch EventSub: `Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256 of message id +
 * timestamp + raw body>`, the id in `Twitch-Eventsub-Message-Id`, the time in
 * `Twitch-Eventsub-Message-Timestamp` (RFC 3339); the subscription type in
 * `Twitch-Eventsub-Subscription-Type`.
 * https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message
 */
export const twitchSettingsSchema = timedSettings("twitch");

export const twitch = preset(hmac, twitchSettingsSchema, hmacOf({ header: "twitch-eventsub-message-signature", prefix: "sha256=", signedContent: "{id}{timestamp}{body}", timestampHeader: "twitch-eventsub-message-timestamp", timestampFormat: "rfc3339", idHeader: "twitch-eventsub-message-id" }), { eventType: { header: "twitch-eventsub-subscription-type" } });
