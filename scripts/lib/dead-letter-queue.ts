import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { summarizeMessage, type EnvelopeSummary, type ReadStored } from "./envelope-summary";
import { ToolError } from "./stack-outputs";

/** The queues a DLQ tool works on, from the stack's outputs. */
export interface DeadLetterQueues {
  readonly deadLetterQueueUrl: string;
  readonly deadLetterQueueArn: string;
  /** Where redriven messages go: the queue they came from. */
  readonly queueArn: string;
  /** The queue's URL, for moving one message (`redrive --id`). */
  readonly queueUrl?: string;
}

export function queuesFromOutputs(outputs: Readonly<Record<string, string>>): DeadLetterQueues {
  const missing = ["dead-letter-queue-url", "dead-letter-queue-arn", "queue-arn"].filter((name) => !outputs[name]);
  if (missing.length > 0) throw new ToolError(`The stack's outputs lack ${missing.join(", ")}: redeploy it with this version.`);
  return { deadLetterQueueUrl: outputs["dead-letter-queue-url"], deadLetterQueueArn: outputs["dead-letter-queue-arn"], queueArn: outputs["queue-arn"], queueUrl: outputs["queue-url"] };
}

/** One message resting in the DLQ, described without its signatures. */
export interface PeekedMessage extends EnvelopeSummary {
  readonly messageId: string;
  readonly sentAt: string;
  readonly receiveCount: number;
}

/**
 * Looks at up to `max` messages without taking them: each is received with a zero visibility
 * timeout, so it stays in the DLQ, visible, for a redrive.
 */
export async function peek(sqs: SQSClient, queues: DeadLetterQueues, options: { max: number; withBody: boolean; readStored?: ReadStored }): Promise<PeekedMessage[]> {
  const received = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queues.deadLetterQueueUrl,
      MaxNumberOfMessages: Math.min(10, options.max),
      VisibilityTimeout: 0,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ["SentTimestamp", "ApproximateReceiveCount"],
    }),
  );
  return Promise.all(
    (received.Messages ?? []).map(async (message) => ({
      messageId: message.MessageId ?? "",
      sentAt: new Date(Number(message.Attributes?.SentTimestamp ?? 0)).toISOString(),
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
      ...(await summarizeMessage(message.Body ?? "", options.withBody, options.readStored)),
    })),
  );
}

/** Starts moving every DLQ message back to the queue (SQS gives them new message ids). */
export async function redrive(sqs: SQSClient, queues: DeadLetterQueues, options: { maxPerSecond?: number }): Promise<{ moving: number; taskHandle?: string }> {
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queues.deadLetterQueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
  );
  const moving = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
  if (moving === 0) return { moving };
  const started = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: queues.deadLetterQueueArn,
      DestinationArn: queues.queueArn,
      ...(options.maxPerSecond ? { MaxNumberOfMessagesPerSecond: options.maxPerSecond } : {}),
    }),
  );
  return { moving, taskHandle: started.TaskHandle };
}

/**
 * Moves one DLQ message back to the queue, its body unchanged: sent before deleted, so a failure
 * between the two leaves a copy, never a loss. False when no such message is in the DLQ.
 */
export async function redriveMessage(sqs: SQSClient, queues: DeadLetterQueues, messageId: string): Promise<boolean> {
  if (!queues.queueUrl) throw new ToolError("The stack's outputs lack queue-url: redeploy it with this version.");
  const held: { ReceiptHandle?: string }[] = [];
  try {
    for (;;) {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30, WaitTimeSeconds: 1 }));
      const messages = received.Messages ?? [];
      if (messages.length === 0) return false;
      for (const message of messages) {
        if (message.MessageId !== messageId) {
          held.push(message);
          continue;
        }
        await sqs.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: message.Body }));
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }));
        return true;
      }
    }
  } finally {
    for (const message of held) {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queues.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    }
  }
}

/** The DLQ's recent message move tasks, newest first, as SQS reports them. */
export async function redriveStatus(sqs: SQSClient, queues: DeadLetterQueues) {
  const tasks = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: queues.deadLetterQueueArn, MaxResults: 10 }));
  return (tasks.Results ?? []).map((task) => ({
    status: task.Status,
    moved: task.ApproximateNumberOfMessagesMoved,
    toMove: task.ApproximateNumberOfMessagesToMove,
    startedAt: task.StartedTimestamp ? new Date(task.StartedTimestamp).toISOString() : undefined,
    failureReason: task.FailureReason,
  }));
}
