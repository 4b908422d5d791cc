import { z } from "zod";

export const stateMachineSchema = z
  .object({
    /** Execution timeout, in seconds (EXPRESS allows 300 at most). @default 60 */
    timeoutSeconds: z.number().int().min(10).max(300).default(60),
    /** Verified messages of a batch processed at once. @default 10 */
    maxConcurrency: z.number().int().min(1).max(40).default(10),
  })
  .strict()
  .default({});
