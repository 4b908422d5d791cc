import { z } from "zod";
import type { QueueConfig } from "./queue";
import { at, DAY, type CrossFieldCheck } from "./section";

export const idempotencySchema = z
  .object({
    /**
     * How long a processed delivery's record is kept, in seconds: a duplicate arriving within it
     * is not processed again. Must outlast the DLQ retention, the longest a delivery can still be
     * redriven. @default deadLetterRetentionSeconds + 1 day
     */
    expirySeconds: z.number().int().min(3_600).max(366 * DAY).optional(),
  })
  .strict()
  .default({});

/** How long idempotency records live, in seconds. */
export function idempotencyExpirySeconds(config: { readonly idempotency: z.output<typeof idempotencySchema>; readonly queue: Pick<QueueConfig, "deadLetterRetentionSeconds"> }): number {
  return config.idempotency.expirySeconds ?? config.queue.deadLetterRetentionSeconds + DAY;
}

export const idempotencyChecks: readonly CrossFieldCheck<{ idempotency: z.output<typeof idempotencySchema>; queue: QueueConfig }>[] = [
  {
    needs: ["idempotency", "queue"],
    check: ({ idempotency, queue }) =>
      at(
        "idempotency.expirySeconds",
        idempotency.expirySeconds !== undefined && idempotency.expirySeconds <= queue.deadLetterRetentionSeconds
          ? `${idempotency.expirySeconds} s must exceed queue.deadLetterRetentionSeconds, ${queue.deadLetterRetentionSeconds} s: a redriven duplicate would be processed again`
          : undefined,
      ),
  },
];
