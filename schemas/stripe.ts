import { z } from "zod";

/** A Stripe event object, whatever its type. https://docs.stripe.com/api/events/object */
export const stripeSchema = z
  .object({
    id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
    object: z.literal("event"),
    type: z.string().min(1),
    created: z.number().int().nonnegative(),
    livemode: z.boolean(),
    api_version: z.string().nullable().optional(),
    data: z.object({ object: z.object({}).passthrough() }).passthrough(),
  })
  .passthrough();
