/**
 * The rules that tie one setting to another, each a pure function returning what is wrong (or
 * nothing). The config checks them with paths before anything is built; the constructs check them
 * again, since they are exported and may be built without the config.
 */

/** Step Functions refuses an execution input above this many characters. */
export const STEP_FUNCTIONS_MAX_INPUT = 262_144;
/** What a pipe record adds around one message body: ids, receipt handle, attributes. */
export const PIPE_RECORD_FIELDS = 2_048;
/**
 * The most characters JSON escaping can add to an envelope as the record's string: one per quote or
 * backslash, found only in its field syntax and its headers, which API Gateway caps at 10 KiB
 * (escaped once already in the envelope, so at most twice that). It never adds more than the message has.
 */
export const PIPE_RECORD_ESCAPES = 2 * 10_240 + 256;

/** The longest pipe record of a message of `messageBytes`: fields, the message, and its escaping at worst. */
export function pipeRecordBytes(messageBytes: number): number {
  return PIPE_RECORD_FIELDS + messageBytes + Math.min(messageBytes, PIPE_RECORD_ESCAPES);
}

/** The largest message, in bytes, of which a full batch of `batchSize` fits one Step Functions input. */
export function largestMessageFitting(batchSize: number): number {
  const budget = Math.floor(STEP_FUNCTIONS_MAX_INPUT / batchSize) - PIPE_RECORD_FIELDS;
  return Math.floor(budget / 2) <= PIPE_RECORD_ESCAPES ? Math.floor(budget / 2) : budget - PIPE_RECORD_ESCAPES;
}

/** A full batch of the largest messages must fit one execution's input, or the pipe fails it whole. */
export function batchFitsProblem(batchSize: number, maxMessageSizeBytes: number): string | undefined {
  const largest = largestMessageFitting(batchSize);
  if (maxMessageSizeBytes <= largest) return undefined;
  return largest < 1024
    ? `no message size fits a batch of ${batchSize}: lower the batch size`
    : `${maxMessageSizeBytes} bytes is above the ${largest} that fit a batch of ${batchSize}: a full batch of the largest messages, ` +
        `each in a record of up to ${pipeRecordBytes(maxMessageSizeBytes)} characters, must fit the ${STEP_FUNCTIONS_MAX_INPUT}-character ` +
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
