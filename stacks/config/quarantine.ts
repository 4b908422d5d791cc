import { z } from "zod";
import { DAY } from "./section";

export const quarantineSchema = z
  .object({
    /** How long a rejected delivery is kept for inspection and release, in seconds (SQS's most). @default 14 days */
    retentionSeconds: z.number().int().min(60).max(14 * DAY).default(14 * DAY),
  })
  .strict()
  .default({});
