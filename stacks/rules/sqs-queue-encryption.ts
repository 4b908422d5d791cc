import { rule } from "./rule";

/** Deliveries at rest are encrypted, by SQS-managed keys or a KMS key. */
export const sqsQueueEncryption = rule("CKV_AWS_27", "Ensure all data stored in the SQS queue is encrypted", ["aws_sqs_queue"], (queue) =>
  queue.sqs_managed_sse_enabled !== true && !queue.kms_master_key_id && "is not encrypted at rest",
);
