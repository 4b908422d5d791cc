import type { QueueClock } from "./clock";
import type { ReceivedMessage, LocalQueue } from "./queue";
import type { Execution } from "./state-machine";

/** An EventBridge pipe from an SQS queue to a state machine, as its `aws_pipes_pipe` configures it. */
export interface LocalPipeProps {
  readonly queue: LocalQueue;
  /** Records per batch (`batch_size`). */
  readonly batchSize: number;
  /** Seconds to gather a fuller batch (`maximum_batching_window_in_seconds`); skipped under fast-forward. */
  readonly batchingWindowSeconds: number;
  /** Batches in flight at once. */
  readonly concurrency: number;
  readonly clock: QueueClock;
  /** Runs the target with a batch: a REQUEST_RESPONSE execution of the state machine. */
  readonly execute: (batch: readonly ReceivedMessage[]) => Promise<Execution>;
  /** Told how each batch ended: the messages deleted and those left for a retry. */
  readonly onBatch?: (batch: readonly ReceivedMessage[], outcome: BatchOutcome) => void;
}

export interface BatchOutcome {
  readonly retried: readonly string[];
  /** Why the whole batch is retried, if it is. */
  readonly failure?: string;
}

const POLL_MS = 20;

/**
 * Polls the queue like a pipe's SQS source and applies the target's answer as Pipes does: a failed
 * execution leaves the whole batch to become visible again; `batchItemFailures` leaves exactly the
 * listed messages, and every other message of the batch is deleted. An answer naming a message not
 * in the batch counts as a failure of the whole batch.
 */
export class LocalPipe {
  private running = false;
  private inFlight = 0;
  private wakers: (() => void)[] = [];
  private pollers: Promise<void>[] = [];

  constructor(private readonly props: LocalPipeProps) {}

  start(): void {
    this.running = true;
    this.pollers = Array.from({ length: this.props.concurrency }, () => this.poll());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.pollers);
  }

  /** Tells the pollers a message may be waiting. */
  wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const waker of wakers) waker();
  }

  /** Resolves once the queue is empty and no batch is in flight: every message deleted or dead-lettered. */
  async drained(): Promise<void> {
    while (this.props.queue.messages.length > 0 || this.inFlight > 0) await this.sleep(POLL_MS);
  }

  private async poll(): Promise<void> {
    const { queue, clock, batchSize } = this.props;
    while (this.running) {
      const batch = queue.receive(batchSize, clock.now());
      if (batch.length === 0) {
        const next = queue.nextVisibleAt(clock.now());
        // Nothing to do but wait for a visibility timeout: under fast-forward, let it pass now.
        if (next !== undefined && this.inFlight === 0 && clock.fastForward) clock.skipTo(next);
        else await this.sleep(next === undefined ? 1000 : Math.min(1000, Math.max(1, (next - clock.now()) * 1000)));
        continue;
      }
      this.inFlight++;
      try {
        await this.fill(batch);
        await this.deliver(batch);
      } finally {
        this.inFlight--;
      }
    }
  }

  /** Gathers more messages until the batch is full or the batching window closes. */
  private async fill(batch: ReceivedMessage[]): Promise<void> {
    const { queue, clock, batchSize, batchingWindowSeconds } = this.props;
    if (clock.fastForward) return;
    const closes = Date.now() + batchingWindowSeconds * 1000;
    while (batch.length < batchSize && Date.now() < closes && this.running) {
      await this.sleep(Math.min(POLL_MS * 5, closes - Date.now()));
      batch.push(...queue.receive(batchSize - batch.length, clock.now()));
    }
  }

  private async deliver(batch: readonly ReceivedMessage[]): Promise<void> {
    const execution = await this.props.execute(batch);
    const outcome = answerOf(execution, batch);
    const retried = new Set(outcome.retried);
    for (const record of batch) if (!retried.has(record.messageId)) this.props.queue.delete(record.receiptHandle);
    this.props.onBatch?.(batch, outcome);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** What the pipe makes of the target's answer. */
export function answerOf(execution: Execution, batch: readonly ReceivedMessage[]): BatchOutcome {
  const all = batch.map((record) => record.messageId);
  if ("error" in execution) return { retried: all, failure: `the execution failed: ${execution.error}` };
  const failures = (execution.output as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined) return { retried: [] };
  const ids = Array.isArray(failures) ? failures.map((failure) => (failure as { itemIdentifier?: unknown })?.itemIdentifier) : [undefined];
  if (ids.some((id) => typeof id !== "string" || !all.includes(id))) {
    return { retried: all, failure: `the answer's batchItemFailures name no message of the batch: ${JSON.stringify(failures)}` };
  }
  return { retried: ids as string[] };
}
