import type { ZodTypeAny } from "zod";
import { githubSchema } from "./github";
import { slackCommandSchema } from "./slack-command";
import { stripeSchema } from "./stripe";
import { usersSchema } from "./users";

/**
 * Every payload schema a source can name. The stack turns the named schema into the API Gateway
 * model, and the validate handler re-checks bodies with the same one, so both always agree.
 */
export const payloadSchemas = {
  users: usersSchema,
  github: githubSchema,
  stripe: stripeSchema,
  "slack-command": slackCommandSchema,
} as const satisfies Record<string, ZodTypeAny>;

export type PayloadSchemaName = keyof typeof payloadSchemas;

export const payloadSchemaNames = Object.keys(payloadSchemas) as [PayloadSchemaName, ...PayloadSchemaName[]];
