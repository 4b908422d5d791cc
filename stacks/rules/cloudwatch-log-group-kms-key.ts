import { rule } from "./rule";

/** Logs encrypted with a customer-managed key can have their reads audited and revoked by their owner. */
export const cloudwatchLogGroupKmsKey = rule("CKV_AWS_158", "Ensure that CloudWatch Log Group is encrypted by KMS", ["aws_cloudwatch_log_group"], (group) =>
  !group.kms_key_id && "is not encrypted with a KMS key",
);
