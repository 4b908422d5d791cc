import { resources, type Rule } from "./rule";

/** Deliveries at rest are encrypted, by SQS-managed keys or a KMS key. */
export const sqsEncrypted: Rule = {
  id: "sqs-encrypted",
  description: "Every SQS queue has server-side encryption",
  check: (terraform) =>
    resources(terraform, "aws_sqs_queue")
      .filter(([, queue]) => queue.sqs_managed_sse_enabled !== true && !queue.kms_master_key_id)
      .map(([address]) => `${address} is not encrypted at rest`),
};
