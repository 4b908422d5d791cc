import { z } from "zod";
import type { pipeSchema } from "./pipe";
import { at, type CrossFieldCheck } from "./section";
import type { stateMachineSchema } from "./state-machine";

export const functionsSchema = z
  .object({
    /** Memory of each function, in MB. @default 256 */
    memorySizeMb: z.number().int().min(128).max(10_240).default(256),
    /** Timeout of each function, in seconds; below the state machine's. @default 30 */
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
    /**
     * Concurrent executions reserved for each function, which also caps it: a flood of deliveries
     * cannot take the account's whole Lambda pool, and the pipeline always has this much. `null`
     * reserves nothing (needed where the account's concurrency quota is at its minimum).
     * @default { validate: 10, process: 20 }
     */
    reservedConcurrency: z
      .object({
        /** Concurrent executions of the validate function, or null for none reserved. @default 10 */
        validate: z.number().int().min(1).max(10_000).nullable().default(10),
        /** Concurrent executions of the process function, or null for none reserved; at least one batch's deliveries. @default 20 */
        process: z.number().int().min(1).max(10_000).nullable().default(20),
      })
      .strict()
      .default({}),
  })
  .strict()
  .default({});

type Sections = { functions: z.output<typeof functionsSchema>; pipe: z.output<typeof pipeSchema>; stateMachine: z.output<typeof stateMachineSchema> };

export const functionsChecks: readonly CrossFieldCheck<Sections>[] = [
  {
    needs: ["functions", "pipe", "stateMachine"],
    check: ({ functions, pipe, stateMachine }) => {
      const processing = functions.reservedConcurrency.process;
      const batchParallelism = Math.min(pipe.batchSize, stateMachine.maxConcurrency);
      return at(
        "functions.reservedConcurrency.process",
        processing !== null && processing < batchParallelism
          ? `${processing} must be at least ${batchParallelism}: one batch processes that many deliveries at once (pipe.batchSize, stateMachine.maxConcurrency)`
          : undefined,
      );
    },
  },
  {
    needs: ["functions", "stateMachine"],
    check: ({ functions, stateMachine }) =>
      at(
        "functions.timeoutSeconds",
        functions.timeoutSeconds >= stateMachine.timeoutSeconds
          ? `${functions.timeoutSeconds} s must be below stateMachine.timeoutSeconds, ${stateMachine.timeoutSeconds} s, so a slow function fails inside the execution`
          : undefined,
      ),
  },
];
