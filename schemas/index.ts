import type { ZodTypeAny } from "zod";
import { usersSchema } from "./users";

/**
 * Every payload schema a source can name. The stack turns the named schema into the API Gateway
 * model, and the validate handler re-checks bodies with the same one, so both always agree.
 */
export const payloadSchemas = {
  users: usersSchema,
} as const satisfies Record<string, ZodTypeAny>;

export type PayloadSchemaName = keyof typeof payloadSchemas;

export const payloadSchemaNames = Object.keys(payloadSchemas) as [PayloadSchemaName, ...PayloadSchemaName[]];
