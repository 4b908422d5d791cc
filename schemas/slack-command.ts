import { z } from "zod";

/**
 * A Slack slash command, posted as a form; its fields arrive as strings.
 * https://api.slack.com/interactivity/slash-commands#app_command_handling
 */
export const slackCommandSchema = z
  .object({
    team_id: z.string().min(1),
    channel_id: z.string().min(1),
    user_id: z.string().min(1),
    command: z.string().regex(/^\/\S+$/),
    text: z.string(),
    response_url: z.string().regex(/^https:\/\/hooks\.slack\.com\//),
    trigger_id: z.string().min(1),
  })
  .passthrough();
