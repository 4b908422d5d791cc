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
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
}

export class SqsQueue {
  readonly messages: QueuedMessage[] = [];

  constructor(
    readonly visibilityTimeoutSeconds: number,
    readonly redrive?: { readonly deadLetterQueue: SqsQueue; readonly maxReceiveCount: number },
  ) {}

  send(body: string, now: number): string {
    const messageId = randomUUID();
    this.messages.push({ messageId, body, sentAt: now, receiveCount: 0, visibleAt: now });
    return messageId;
  }

  /** Up to `max` visible messages, as the pipe's SQS source would hand them to its target. */
  receive(max: number, now: number) {
    const batch: QueuedMessage[] = [];
    for (const message of [...this.messages]) {
      if (batch.length === max) break;
      if (message.visibleAt > now) continue;
      if (this.redrive && message.receiveCount >= this.redrive.maxReceiveCount) {
        this.messages.splice(this.messages.indexOf(message), 1);
        this.redrive.deadLetterQueue.messages.push({ ...message, visibleAt: now, receiptHandle: undefined });
        continue;
      }
      message.receiveCount++;
      message.visibleAt = now + this.visibilityTimeoutSeconds;
      message.receiptHandle = randomUUID();
      batch.push(message);
    }
    return batch.map((message) => ({
      messageId: message.messageId,
      receiptHandle: message.receiptHandle!,
      body: message.body,
      attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(message.sentAt * 1000) },
      messageAttributes: {},
      md5OfBody: createHash("md5").update(message.body).digest("hex"),
      eventSource: "aws:sqs",
    }));
  }

  /** Deletes a received message; a stale receipt handle deletes nothing. */
  delete(receiptHandle: string): void {
    const at = this.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (at >= 0) this.messages.splice(at, 1);
  }
}
