import { z } from "zod";
import { toleranceSeconds } from "./digest";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";
import { FORM_CONTENT, JSON_CONTENT } from "../delivery/payload";

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` with the time in
 * `X-Slack-Request-Timestamp`. Slash commands and interactivity post forms; the Events API posts
 * JSON. https://api.slack.com/authentication/verifying-requests-from-slack
 */
export const slackSettingsSchema = z.object({
  scheme: z.literal("slack"),
  /** Replay window, in seconds, past and future. @default 300 */
  toleranceSeconds: toleranceSeconds(),
}).strict();

export const slack = preset(
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
  { contentTypes: [FORM_CONTENT, JSON_CONTENT] },
);
