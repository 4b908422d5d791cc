/**
 * The queues' clock, in seconds. It follows the wall clock; with fast-forward on, it jumps ahead
 * whenever the pipe has nothing to do but wait for a message to become visible again, so a
 * visibility timeout of minutes passes at once and retries run without the wait.
 */
export class QueueClock {
  private skipped = 0;

  constructor(readonly fastForward: boolean) {}

  now(): number {
    return Date.now() / 1000 + this.skipped;
  }

  /** Moves the clock to `at`, if fast-forward is on and `at` is ahead. */
  skipTo(at: number): void {
    if (this.fastForward) this.skipped += Math.max(0, at - this.now());
  }
}
