import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { createHash } from "node:crypto";
import { readQuarantineAttributes } from "../../delivery/quarantine";
import { summarizeMessage, type EnvelopeSummary, type ReadStored } from "./envelope-summary";
import { ToolError } from "./stack-outputs";

/** The queues the quarantine tool works on, from the stack's outputs. */
export interface QuarantineQueues {
  readonly quarantineQueueUrl: string;
  /** Where released deliveries go: the queue the pipe reads. */
  readonly queueUrl: string;
}

export function quarantineQueuesFromOutputs(outputs: Readonly<Record<string, string>>): QuarantineQueues {
  const missing = ["quarantine-queue-url", "queue-url"].filter((name) => !outputs[name]);
  if (missing.length > 0) throw new ToolError(`The stack's outputs lack ${missing.join(", ")}: redeploy it with this version.`);
  return { quarantineQueueUrl: outputs["quarantine-queue-url"], queueUrl: outputs["queue-url"] };
}

/** Which quarantined deliveries a command is about; every filter given must match. */
export interface QuarantineFilter {
  readonly source?: string;
  readonly reason?: string;
  /** A delivery id, or a message id: the one in the quarantine, or the one it had in the queue. */
  readonly id?: string;
}

/** One rejected delivery resting in the quarantine, described without its signatures or secrets. */
export interface QuarantinedDelivery extends EnvelopeSummary {
  /** Its message id in the quarantine. */
  readonly messageId: string;
  readonly reason?: string;
  readonly rejectedAt?: string;
  /** What exactly was wrong, where there is more to say than the reason. */
  readonly detail?: string;
  /** The message id it had in the queue when it was rejected. */
  readonly queueMessageId?: string;
  /** For a replay: the delivery that holds the content's claim, and when the edge received it. */
  readonly heldBy?: { readonly deliveryId: string; readonly receivedAt?: string };
}

/**
 * How long a scan holds each message it has looked at, in seconds, so that it sees every message
 * once; what it does not take is made visible again as soon as it is done.
 */
const SCAN_HOLD_SECONDS = 60;

function describe(message: Message, envelope: EnvelopeSummary): QuarantinedDelivery {
  const attributes = readQuarantineAttributes(message.MessageAttributes);
  return {
    messageId: message.MessageId ?? "",
    reason: attributes.reason,
    rejectedAt: attributes.rejectedAt ? new Date(Number(attributes.rejectedAt)).toISOString() : undefined,
    ...(attributes.detail ? { detail: attributes.detail } : {}),
    ...(attributes.heldBy
      ? { heldBy: { deliveryId: attributes.heldBy, ...(attributes.heldSince ? { receivedAt: new Date(Number(attributes.heldSince)).toISOString() } : {}) } }
      : {}),
    queueMessageId: attributes.messageId,
    ...envelope,
    // The id the validate step judged it under: the envelope's, or one its payload names (Stripe's).
    source: attributes.source ?? envelope.source,
    deliveryId: attributes.deliveryId ?? envelope.deliveryId,
  };
}

function matches(delivery: QuarantinedDelivery, envelope: EnvelopeSummary, filter: QuarantineFilter): boolean {
  const ids = [delivery.deliveryId, envelope.deliveryId, delivery.messageId, delivery.queueMessageId];
  return (
    (filter.source === undefined || delivery.source === filter.source) &&
    (filter.reason === undefined || delivery.reason === filter.reason) &&
    (filter.id === undefined || ids.includes(filter.id))
  );
}

/**
 * Goes through the quarantine once, handing `take` each matching message (up to `max`): a message
 * it takes is gone from the quarantine, any other is made visible again at the end. Receiving
 * counts, so a message's receive count tells how often it was looked at, nothing more: the
 * quarantine has no redrive policy.
 */
async function scan(
  sqs: SQSClient,
  queueUrl: string,
  filter: QuarantineFilter,
  max: number,
  visit: (message: Message, delivery: QuarantinedDelivery) => Promise<boolean>,
  withBody = false,
  readStored?: ReadStored,
): Promise<void> {
  const held: Message[] = [];
  const visited = new Set<string>();
  let seen = 0;
  let wrapped = false;
  try {
    // A scan longer than the hold sees the first messages again: it has then seen them all.
    while (seen < max && !wrapped) {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: SCAN_HOLD_SECONDS,
          // Long polling asks every SQS server, so an empty answer means an empty quarantine.
          WaitTimeSeconds: 1,
          MessageAttributeNames: ["All"],
        }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        if (visited.has(message.MessageId ?? "")) {
          wrapped = true;
          held.push(message);
          continue;
        }
        visited.add(message.MessageId ?? "");
        const envelope = await summarizeMessage(message.Body ?? "", withBody, readStored);
        const delivery = describe(message, envelope);
        if (seen < max && matches(delivery, envelope, filter)) {
          seen++;
          if (await visit(message, delivery)) continue;
        }
        held.push(message);
      }
    }
  } finally {
    for (let at = 0; at < held.length; at += 10) {
      const entries = held.slice(at, at + 10).map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
      await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    }
  }
}

/** Up to `max` matching deliveries, left where they are. */
export async function peekQuarantine(
  sqs: SQSClient,
  queues: QuarantineQueues,
  options: { filter: QuarantineFilter; max: number; withBody: boolean; readStored?: ReadStored },
): Promise<QuarantinedDelivery[]> {
  const found: QuarantinedDelivery[] = [];
  await scan(sqs, queues.quarantineQueueUrl, options.filter, options.max, (_message, delivery) => Promise.resolve((found.push(delivery), false)), options.withBody, options.readStored);
  return found;
}

/** What a release did with each matching delivery. */
export interface Released {
  readonly released: QuarantinedDelivery[];
  /** Deliveries that could not be sent back, with why; they stay in the quarantine. */
  readonly failed: { readonly delivery: QuarantinedDelivery; readonly error: string }[];
  /**
   * Second copies of a rejection already sent back, removed: the validate step quarantines a
   * delivery twice when its result is lost after it ran, the same envelope from the same message.
   */
  readonly duplicates: QuarantinedDelivery[];
}

/**
 * Sends every matching delivery back to the queue, its envelope unchanged, for verification again,
 * then deletes it from the quarantine: a genuine delivery is processed (once: idempotency keys on its
 * delivery id), anything else is rejected and quarantined again. Sent before deleted, so a failure
 * between the two can only leave a copy behind, never lose one. A delivery rejected again while the
 * release runs comes back with the same envelope from another queue message: it is left for the next
 * release, not sent round again. A second copy of the same rejection (the same envelope from the same
 * queue message) is removed once its twin is sent back.
 */
export async function releaseQuarantine(sqs: SQSClient, queues: QuarantineQueues, filter: QuarantineFilter): Promise<Released> {
  const result: Released = { released: [], failed: [], duplicates: [] };
  const sentEnvelopes = new Set<string>();
  const sentRejections = new Set<string>();
  await scan(sqs, queues.quarantineQueueUrl, filter, Number.POSITIVE_INFINITY, async (message, delivery) => {
    const envelope = createHash("sha256").update(message.Body ?? "").digest("hex");
    const rejection = `${envelope}/${delivery.queueMessageId ?? ""}`;
    if (sentRejections.has(rejection)) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queues.quarantineQueueUrl, ReceiptHandle: message.ReceiptHandle }));
      result.duplicates.push(delivery);
      return true;
    }
    if (sentEnvelopes.has(envelope)) return false;
    sentEnvelopes.add(envelope);
    try {
      await sqs.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: message.Body }));
    } catch (error) {
      result.failed.push({ delivery, error: `${(error as Error).name}: ${(error as Error).message}` });
      return false;
    }
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queues.quarantineQueueUrl, ReceiptHandle: message.ReceiptHandle }));
    sentRejections.add(rejection);
    result.released.push(delivery);
    return true;
  });
  return result;
}
