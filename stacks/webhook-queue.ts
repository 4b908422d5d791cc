import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { sqsTlsOnlyPolicy, type PolicyStatement } from "./iam";
import { assertInvariants, deadLetterRetentionProblem } from "./invariants";
import { explainAwsKey } from "./webhook-key";

export interface WebhookQueueProps {
  /** Name of the queue; the dead-letter queue is named `<queueName>-dlq`. */
  readonly queueName: string;
  /** Receives of a message before it moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** How long the queue keeps a message, in seconds. */
  readonly retentionSeconds: number;
  /** How long the dead-letter queue keeps a message, in seconds; longer than `retentionSeconds`. */
  readonly deadLetterRetentionSeconds: number;
  /** How long a received message stays invisible, in seconds. */
  readonly visibilityTimeoutSeconds: number;
  /** Largest message the queue accepts, in bytes: the edge guard for the pipeline's payload limits. */
  readonly maxMessageSizeBytes: number;
  /** Customer-managed key of both queues. @default SSE-SQS, with keys SQS owns */
  readonly kmsKeyArn?: string;
  /** Who else may send to the queue (the payload bucket's notifications), given the queue's ARN. @default none */
  readonly senders?: (queueArn: string) => PolicyStatement[];
}

/**
 * The durable buffer between the API and processing: an encrypted queue whose messages move,
 * after `maxReceiveCount` receives, to an encrypted dead-letter queue that allows redrive only
 * back to it. Both refuse any request not made over TLS.
 */
export class WebhookQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  /** The queue's resource policy, which a sender outside the account's roles needs first. */
  readonly queuePolicy: SqsQueuePolicy;

  /** @throws InvariantError when the dead-letter queue would not keep messages longer than the queue. */
  constructor(scope: Construct, id: string, props: WebhookQueueProps) {
    super(scope, id);
    assertInvariants("WebhookQueue", [deadLetterRetentionProblem(props.retentionSeconds, props.deadLetterRetentionSeconds)]);
    this.deadLetterQueue = new SqsQueue(this, "dlq", {
      name: `${props.queueName}-dlq`,
      messageRetentionSeconds: props.deadLetterRetentionSeconds,
      maxMessageSize: props.maxMessageSizeBytes,
      ...atRest(props.kmsKeyArn),
    });
    this.queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      messageRetentionSeconds: props.retentionSeconds,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
      maxMessageSize: props.maxMessageSizeBytes,
      ...atRest(props.kmsKeyArn),
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: props.maxReceiveCount }),
    });
    new SqsQueueRedriveAllowPolicy(this, "dlq-redrive-allow", {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [this.queue.arn] }),
    });
    this.queuePolicy = new SqsQueuePolicy(this, "queue-policy", { queueUrl: this.queue.url, policy: sqsTlsOnlyPolicy(this.queue.arn, props.senders?.(this.queue.arn)) });
    new SqsQueuePolicy(this, "dlq-policy", { queueUrl: this.deadLetterQueue.url, policy: sqsTlsOnlyPolicy(this.deadLetterQueue.arn) });
    for (const queue of [this.queue, this.deadLetterQueue]) explainAwsKey(queue, "CKV2_AWS_73", props.kmsKeyArn, "SSE-SQS (AES-256 with keys SQS owns)");
  }
}

/** A queue's encryption at rest: SSE-SQS, or the customer-managed key, whose data keys SQS reuses for 5 minutes. */
export function atRest(kmsKeyArn: string | undefined): { sqsManagedSseEnabled?: boolean; kmsMasterKeyId?: string; kmsDataKeyReusePeriodSeconds?: number } {
  return kmsKeyArn ? { kmsMasterKeyId: kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 } : { sqsManagedSseEnabled: true };
}
