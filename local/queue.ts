import { createHash, randomUUID } from "node:crypto";

/**
 * An SQS standard queue with a redrive policy, as the SQS Developer Guide describes it: a received
 * message is invisible for the visibility timeout and counts a receive; a message not deleted
 * becomes visible again; a receive that would take a message past maxReceiveCount moves it to the
 * dead-letter queue instead, body and message id unchanged. Time is the caller's, in seconds.
 */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
}

/** A message attribute, as SendMessage takes it and ReceiveMessage gives it back. */
export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
}

/** A message as a receive hands it out: the shape of an SQS record in a pipe's batch. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: { readonly ApproximateReceiveCount: string; readonly SentTimestamp: string };
  /** In the shape of an SQS record's (Pipes, Lambda): lower-case names. */
  readonly messageAttributes: Readonly<Record<string, { readonly dataType: string; readonly stringValue?: string }>>;
  readonly md5OfBody: string;
  readonly eventSource: "aws:sqs";
}

export interface RedrivePolicy {
  readonly deadLetterQueue: LocalQueue;
  readonly maxReceiveCount: number;
}

export class LocalQueue {
  readonly messages: QueuedMessage[] = [];

  constructor(
    readonly visibilityTimeoutSeconds: number,
    readonly redrive?: RedrivePolicy,
    /** Told of every message moved to the dead-letter queue. */
    private readonly onDeadLetter: (message: QueuedMessage) => void = () => {},
  ) {}

  send(body: string, now: number, messageAttributes: Readonly<Record<string, MessageAttribute>> = {}): string {
    const messageId = randomUUID();
    this.messages.push({ messageId, body, messageAttributes, sentAt: now, receiveCount: 0, visibleAt: now });
    return messageId;
  }

  /** Up to `max` visible messages, each invisible for `visibilityTimeoutSeconds` from now. */
  receive(max: number, now: number, visibilityTimeoutSeconds = this.visibilityTimeoutSeconds): ReceivedMessage[] {
    const batch: QueuedMessage[] = [];
    for (const message of [...this.messages]) {
      if (batch.length === max) break;
      if (message.visibleAt > now) continue;
      if (this.redrive && message.receiveCount >= this.redrive.maxReceiveCount) {
        this.messages.splice(this.messages.indexOf(message), 1);
        const moved = { ...message, visibleAt: now, receiptHandle: undefined };
        this.redrive.deadLetterQueue.messages.push(moved);
        this.onDeadLetter(moved);
        continue;
      }
      message.receiveCount++;
      message.visibleAt = now + visibilityTimeoutSeconds;
      message.receiptHandle = randomUUID();
      batch.push(message);
    }
    return batch.map((message) => ({
      messageId: message.messageId,
      receiptHandle: message.receiptHandle!,
      body: message.body,
      attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(Math.floor(message.sentAt * 1000)) },
      messageAttributes: Object.fromEntries(
        Object.entries(message.messageAttributes).map(([name, a]) => [name, { dataType: a.DataType, stringValue: a.StringValue, stringListValues: [], binaryListValues: [] }]),
      ),
      md5OfBody: createHash("md5").update(message.body).digest("hex"),
      eventSource: "aws:sqs",
    }));
  }

  /** Deletes a received message; a stale receipt handle deletes nothing. */
  delete(receiptHandle: string): boolean {
    const at = this.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (at >= 0) this.messages.splice(at, 1);
    return at >= 0;
  }

  /** Makes a received message visible after `seconds` from now instead; a stale receipt handle changes nothing. */
  changeVisibility(receiptHandle: string, seconds: number, now: number): boolean {
    const message = this.messages.find((m) => m.receiptHandle === receiptHandle);
    if (message) message.visibleAt = now + seconds;
    return message !== undefined;
  }

  /** Messages visible now, and those in flight (received, not yet deleted or visible again). */
  counts(now: number): { visible: number; inFlight: number } {
    const visible = this.messages.filter((message) => message.visibleAt <= now).length;
    return { visible, inFlight: this.messages.length - visible };
  }

  /** When the next invisible message becomes visible again, if any is. */
  nextVisibleAt(now: number): number | undefined {
    const times = this.messages.map((message) => message.visibleAt).filter((at) => at > now);
    return times.length > 0 ? Math.min(...times) : undefined;
  }
}
