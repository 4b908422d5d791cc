import { z } from "zod";

const account = z.object({ login: z.string().min(1), id: z.number().int() }).passthrough();

/**
 * Any GitHub webhook event: each event type has its own shape (`X-GitHub-Event` names it), so only
 * what they share is checked. https://docs.github.com/en/webhooks/webhook-events-and-payloads
 */
export const githubSchema = z
  .object({
    action: z.string().min(1).optional(),
    sender: account.optional(),
    repository: z.object({ id: z.number().int(), full_name: z.string().min(1) }).passthrough().optional(),
    organization: account.optional(),
    installation: z.object({ id: z.number().int() }).passthrough().optional(),
  })
  .passthrough();
