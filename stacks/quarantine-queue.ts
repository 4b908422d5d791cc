import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { sqsTlsOnlyPolicy, type PolicyStatement } from "./iam";
import { explainAwsKey } from "./webhook-key";
import { atRest } from "./webhook-queue";

export interface QuarantineQueueProps {
  /** Name of the queue. */
  readonly queueName: string;
  /** How long a rejected delivery is kept, in seconds (SQS allows 60 to 1,209,600). */
  readonly retentionSeconds: number;
  /** Customer-managed key of the queue. @default SSE-SQS, with keys SQS owns */
  readonly kmsKeyArn?: string;
}

/** SQS's largest message, in bytes: an envelope of the queue's largest size plus its rejection attributes. */
const LARGEST_MESSAGE_BYTES = 262_144;

/**
 * Where rejected deliveries rest (forged, stale, malformed, replayed), each the envelope as it was
 * queued, with its reason in message attributes: encrypted, TLS only, with no redrive policy, since
 * only people take messages out of it (`npm run quarantine`), by releasing them for verification.
 */
export class QuarantineQueue extends Construct {
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: QuarantineQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      messageRetentionSeconds: props.retentionSeconds,
      maxMessageSize: LARGEST_MESSAGE_BYTES,
      ...atRest(props.kmsKeyArn),
    });
    explainAwsKey(this.queue, "CKV2_AWS_73", props.kmsKeyArn, "SSE-SQS (AES-256 with keys SQS owns)");
    new SqsQueuePolicy(this, "policy", { queueUrl: this.queue.url, policy: sqsTlsOnlyPolicy(this.queue.arn) });
  }

  /** What the validate function needs to quarantine a delivery. */
  get sendStatement(): PolicyStatement {
    return { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: this.queue.arn };
  }
}
