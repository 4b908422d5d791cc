import { z } from "zod";

export const encryptionSchema = z
  .object({
    /**
     * Encrypt the queues, the quarantine, the table, the secrets, the log groups and the
     * functions' environments with one customer-managed KMS key the pipeline creates (rotating
     * yearly; about $1 a month plus KMS requests), instead of AWS's own keys. @default false
     */
    customerManagedKey: z.boolean().default(false),
  })
  .strict()
  .default({});
