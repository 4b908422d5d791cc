import { z } from "zod";
import { toleranceSeconds } from "./digest";
import { hmac, type HmacSettings } from "./hmac";
import { json, jsonField, refused } from "./handshake";
import { preset, type Preset } from "./preset";
import { FORM_CONTENT, JSON_CONTENT } from "../delivery/payload";

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` with the time in
 * `X-Slack-Request-Timestamp`. Slash commands and interactivity post forms; the Events API posts
 * JSON, and check the request URL first with a signed `url_verification`, answered with its
 * `challenge`. https://api.slack.com/authentication/verifying-requests-from-slack
 * https://api.slack.com/events/url_verification
 */
export const slackSettingsSchema = z.object({
  scheme: z.literal("slack"),
  /** Replay window, in seconds, past and future. @default 300 */
  toleranceSeconds: toleranceSeconds(),
}).strict();

export type SlackSettings = z.infer<typeof slackSettingsSchema>;

export const slack: Preset<SlackSettings, HmacSettings> = preset(
  hmac,
  slackSettingsSchema,
  (s): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    header: "x-slack-signature",
    prefix: "v0=",
    signedContent: "v0:{timestamp}:{body}",
    timestampHeader: "x-slack-request-timestamp",
    timestampFormat: "unix",
    toleranceSeconds: s.toleranceSeconds,
  }),
  {
    contentTypes: [FORM_CONTENT, JSON_CONTENT],
    // The Events API's request URL check: a signed JSON `url_verification`, answered with its
    // challenge, in JSON, once its signature verifies. No secret goes into the answer.
    // Only the Events API makes it; slash commands and interactivity stay on the queue-only route.
    handshake: {
      optional: true,
      method: "POST",
      recognizes: (request) => jsonField(request.body, "type") === "url_verification",
      answer: (request, s, secrets) => {
        const challenge = jsonField(request.body, "challenge");
        return typeof challenge === "string" && slack.verify(request, s, secrets.delivery).ok ? json({ challenge }) : refused();
      },
    },
  },
);
