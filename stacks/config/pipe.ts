import { z } from "zod";
import { batchingWindowProblem } from "../invariants";
import { at, type CrossFieldCheck } from "./section";

export const pipeSchema = z
  .object({
    /**
     * Most messages per state machine execution. A full batch of the largest messages must fit
     * one Step Functions input, so the batch bounds queue.maxMessageSizeBytes and with it the
     * inline bodies (1: 175 KiB, 4: 30 KiB, 10: 8.1 KiB); stored bodies of any size batch alike.
     * @default 10, the most SQS batches without a batching window
     */
    batchSize: z.number().int().min(1).max(10_000).default(10),
    /** Longest wait to fill a batch, in seconds. @default 1 */
    maximumBatchingWindowSeconds: z.number().int().min(0).max(300).default(1),
  })
  .strict()
  .default({});

export const pipeChecks: readonly CrossFieldCheck<{ pipe: z.output<typeof pipeSchema> }>[] = [
  {
    needs: ["pipe"],
    check: ({ pipe }) => at("pipe.maximumBatchingWindowSeconds", batchingWindowProblem(pipe.batchSize, pipe.maximumBatchingWindowSeconds)),
  },
];
