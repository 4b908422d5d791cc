import type { DeliveryEvent } from "./delivery-path";

/** Where a queued delivery stands, as `npm run send` reports it. */
export interface DeliveryOutcome {
  readonly status: "queued" | "received" | "processed" | "quarantined" | "retried" | "dead-lettered";
  /** Why: the quarantine's reason, or what made the delivery go round again. */
  readonly reason?: string;
  /** Receives so far. */
  readonly receiveCount?: number;
}

/** Outcomes kept: a flood keeps the newest. */
const CAPACITY = 10_000;

/**
 * The latest outcome of each delivery the twin queued, by SQS message id, built from the twin's
 * events; the twin answers it at `/_local/deliveries/<message id>`.
 */
export class DeliveryOutcomes {
  private readonly outcomes = new Map<string, DeliveryOutcome>();
  /** The last reason a message failed, told before its "retried". */
  private readonly failures = new Map<string, string>();

  record(event: DeliveryEvent): void {
    const id = event.messageId;
    if (!id) return;
    const reason = this.failures.get(id);
    switch (event.step) {
      case "accepted":
        return this.set(id, { status: "queued" });
      case "received":
        return this.set(id, { status: "received", receiveCount: event.receiveCount });
      case "rejected":
        return this.set(id, { status: "quarantined", reason: event.reason });
      case "processed":
        this.failures.delete(id);
        return this.set(id, { status: "processed" });
      case "not-validated":
        this.failures.set(id, event.reason);
        return;
      case "processing-failed":
      case "batch-failed":
        this.failures.set(id, event.error);
        return;
      case "retried":
        return this.set(id, { status: "retried", receiveCount: event.receiveCount, ...(reason ? { reason } : {}) });
      case "dead-lettered":
        return this.set(id, { status: "dead-lettered", receiveCount: event.receiveCount, ...(reason ? { reason } : {}) });
    }
  }

  get(messageId: string): DeliveryOutcome | undefined {
    return this.outcomes.get(messageId);
  }

  private set(id: string, outcome: DeliveryOutcome): void {
    this.outcomes.delete(id);
    this.outcomes.set(id, outcome);
    while (this.outcomes.size > CAPACITY) {
      const [oldest] = this.outcomes.keys();
      this.outcomes.delete(oldest);
      this.failures.delete(oldest);
    }
  }
}
