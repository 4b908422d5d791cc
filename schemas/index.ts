import type { ZodTypeAny } from "zod";
import { FORM_CONTENT, type ContentType } from "../delivery/payload";
import { formSchema } from "./form";
import { githubSchema } from "./github";
import { jsonSchema } from "./json";
import { slackCommandSchema } from "./slack-command";
import { stripeSchema } from "./stripe";
import { usersSchema } from "./users";

/**
 * Every payload schema a source can name. The stack turns the named schema into the API Gateway
 * model, and the validate handler re-checks bodies with the same one, so both always agree.
 * `json` and `form` take any payload of their kind, for senders with no schema of their own.
 */
export const payloadSchemas = {
  json: jsonSchema,
  form: formSchema,
  users: usersSchema,
  github: githubSchema,
  stripe: stripeSchema,
  "slack-command": slackCommandSchema,
} as const satisfies Record<string, ZodTypeAny>;

export type PayloadSchemaName = keyof typeof payloadSchemas;

export const payloadSchemaNames = Object.keys(payloadSchemas) as [PayloadSchemaName, ...PayloadSchemaName[]];

/** The named senders that have a schema of their own here, by scheme. */
const SENDER_SCHEMAS: Readonly<Record<string, PayloadSchemaName>> = { github: "github", stripe: "stripe", slack: "slack-command" };

/**
 * The schema a source gets when it names none: its sender's own where one ships, else `form` for a
 * source that takes only forms, else `json`.
 */
export function defaultSchemaOf(scheme: string, contentTypes: readonly ContentType[]): PayloadSchemaName {
  return SENDER_SCHEMAS[scheme] ?? (contentTypes.every((type) => type === FORM_CONTENT) ? "form" : "json");
}
