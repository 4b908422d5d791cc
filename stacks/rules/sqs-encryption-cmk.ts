import { rule } from "./rule";

/** A customer-managed key lets the owner audit and revoke every read of a delivery at rest. */
export const sqsEncryptionCmk = rule("CKV2_AWS_73", "Ensure AWS SQS uses CMK not AWS default keys for encryption", ["aws_sqs_queue"], (queue) =>
  (!queue.kms_master_key_id || queue.kms_master_key_id === "alias/aws/sqs") && "is not encrypted with a customer-managed KMS key",
);
