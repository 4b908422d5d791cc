/**
 * The rules that tie one setting to another, each a pure function returning what is wrong (or
 * nothing). The config checks them with paths before anything is built; the constructs check them
 * again, since they are exported and may be built without the config.
 */

/** Step Functions refuses an execution input above this many characters. */
export const STEP_FUNCTIONS_MAX_INPUT = 262_144;
/**
 * What a pipe record adds around one message body: ids, receipt handle, attributes (about 2 KiB),
 * plus JSON escaping of the envelope's non-body fields, whose headers API Gateway caps at 10 KiB.
 */
export const PIPE_RECORD_OVERHEAD = 2_048 + 2 * 10_240;

/** The largest message, in bytes, of which a full batch of `batchSize` fits one Step Functions input. */
export function largestMessageFitting(batchSize: number): number {
  return Math.floor(STEP_FUNCTIONS_MAX_INPUT / batchSize) - PIPE_RECORD_OVERHEAD;
}

/** A full batch of the largest messages must fit one execution's input, or the pipe fails it whole. */
export function batchFitsProblem(batchSize: number, maxMessageSizeBytes: number): string | undefined {
  const largest = largestMessageFitting(batchSize);
  if (maxMessageSizeBytes <= largest) return undefined;
  return largest < 1024
    ? `no message size fits a batch of ${batchSize}: lower the batch size`
    : `${maxMessageSizeBytes} bytes is above the ${largest} that fit a batch of ${batchSize}: a full batch of the largest messages, ` +
        `each with ${PIPE_RECORD_OVERHEAD} characters of record around it, must fit the ${STEP_FUNCTIONS_MAX_INPUT}-character ` +
        `Step Functions input (or lower the batch size)`;
}

/** The DLQ keeps a message's original enqueue time, so it must keep messages longer than the queue. */
export function deadLetterRetentionProblem(retentionSeconds: number, deadLetterRetentionSeconds: number): string | undefined {
  return deadLetterRetentionSeconds > retentionSeconds
    ? undefined
    : `${deadLetterRetentionSeconds} s must exceed the queue's retention, ${retentionSeconds} s: the DLQ keeps the original enqueue time`;
}

/** SQS allows a batch above 10 only with a batching window of at least a second. */
export function batchingWindowProblem(batchSize: number, maximumBatchingWindowSeconds: number): string | undefined {
  return batchSize > 10 && maximumBatchingWindowSeconds < 1
    ? `${maximumBatchingWindowSeconds} s must be at least 1 when the batch size (${batchSize}) exceeds 10 (an SQS rule)`
    : undefined;
}

/** Raised by a construct whose props break an invariant; lists every problem. */
export class InvariantError extends Error {
  constructor(construct: string, problems: readonly string[]) {
    super(`${construct}:\n  - ${problems.join("\n  - ")}`);
    this.name = "InvariantError";
  }
}

/** Throws InvariantError for the problems found, if any. */
export function assertInvariants(construct: string, problems: readonly (string | undefined)[]): void {
  const found = problems.filter((problem): problem is string => problem !== undefined);
  if (found.length > 0) throw new InvariantError(construct, found);
}
