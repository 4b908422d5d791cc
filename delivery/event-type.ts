import { z } from "zod";
import { headerName, headerValue } from "./headers";
import { stringField } from "./payload";

/**
 * Where a sender names the type of an event: a header (GitHub's `X-GitHub-Event`) or a top-level
 * string field of the payload (Stripe's `type`). It becomes the EventBridge detail-type.
 */
export const eventTypeSourceSchema = z.union([
  z.object({ header: headerName() }).strict(),
  z.object({ field: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a top-level field name") }).strict(),
]);

export type EventTypeSource = z.infer<typeof eventTypeSourceSchema>;

/** EventBridge allows 128 characters of detail-type. */
const MAX_LENGTH = 128;

/** The event's type, if the sender named one that EventBridge can carry. */
export function eventTypeOf(from: EventTypeSource | undefined, headers: Readonly<Record<string, string>>, payload: unknown): string | undefined {
  if (!from) return undefined;
  const value = "header" in from ? headerValue(headers, from.header).trim() : stringField(payload, from.field);
  return value && value.length <= MAX_LENGTH ? value : undefined;
}
