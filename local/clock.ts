/**
 * The queues' clock, in seconds. It follows the wall clock; with fast-forward on, it jumps ahead
 * whenever the pipe has nothing to do but wait for a message to become visible again, so a
 * visibility timeout of minutes passes at once and retries run without the wait.
 */
export class QueueClock {
  private skipped = 0;

  /** Whether the clock jumps ahead when the pipe has nothing to do but wait; may be turned on or off at any time. */
  constructor(public fastForward: boolean) {}

  now(): number {
    return Date.now() / 1000 + this.skipped;
  }

  /** How far the clock is ahead of the wall clock, in milliseconds. */
  offsetMs(): number {
    return this.skipped * 1000;
  }

  /** Moves the clock to `at`, if fast-forward is on and `at` is ahead. */
  skipTo(at: number): void {
    if (this.fastForward) this.skipped += Math.max(0, at - this.now());
  }
}
