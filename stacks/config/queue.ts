import { z } from "zod";
import { batchFitsProblem, deadLetterRetentionProblem, largestMessageFitting } from "../invariants";
import { at, DAY, type CrossFieldCheck } from "./section";
import type { pipeSchema } from "./pipe";

export const queueSchema = z
  .object({
    /** Receives before a message moves to the DLQ. @default 3 */
    maxReceiveCount: z.number().int().min(1).max(1000).default(3),
    /** Queue retention, in seconds. @default 7 days */
    retentionSeconds: z.number().int().min(60).max(14 * DAY).default(7 * DAY),
    /** DLQ retention, in seconds; must exceed the queue's. @default 14 days */
    deadLetterRetentionSeconds: z.number().int().min(60).max(14 * DAY).default(14 * DAY),
    /**
     * Largest accepted message, in bytes: an inline envelope, about 4/3 of its body, or a stored
     * delivery's pointer. @default the largest of which a full batch fits one execution (12,083 at
     * the default batch of 10), at most 262,144 (provider 5's cap; SQS takes 1 MiB from provider 6.8)
     */
    maxMessageSizeBytes: z.number().int().min(1024).max(262_144).optional(),
    /**
     * Visibility timeout as a multiple of the state machine timeout (at most 12 × 300 s, well
     * under SQS's 12-hour cap). @default 6
     */
    visibilityTimeoutFactor: z.number().int().min(2).max(12).default(6),
  })
  .strict()
  .default({});

/** The queue's message size follows the batch size where it is not set: the largest of which a full batch fits one execution. */
export function defaultMaxMessageSizeBytes(pipe: z.output<typeof pipeSchema>): number {
  return Math.min(262_144, Math.max(1024, largestMessageFitting(pipe.batchSize)));
}

/** The queue's settings, its message size filled in. */
export type QueueConfig = z.output<typeof queueSchema> & { readonly maxMessageSizeBytes: number };

export const queueChecks: readonly CrossFieldCheck<{ queue: QueueConfig; pipe: z.output<typeof pipeSchema> }>[] = [
  {
    needs: ["queue"],
    check: ({ queue }) => at("queue.deadLetterRetentionSeconds", deadLetterRetentionProblem(queue.retentionSeconds, queue.deadLetterRetentionSeconds)),
  },
  {
    needs: ["pipe", "queue"],
    check: ({ pipe, queue }) => at("queue.maxMessageSizeBytes", batchFitsProblem(pipe.batchSize, queue.maxMessageSizeBytes)),
  },
];
