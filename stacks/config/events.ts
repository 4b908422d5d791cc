import { z } from "zod";

export const eventsSchema = z
  .object({
    /** Days the bus's archive keeps events for replay; 0 keeps them forever. @default 30 */
    archiveRetentionDays: z.number().int().min(0).max(3_650).default(30),
  })
  .strict()
  .default({});
