import { rule } from "./rule";

/** Notifications at rest are encrypted with a KMS key. */
export const snsTopicEncryption = rule("CKV_AWS_26", "Ensure all data stored in the SNS topic is encrypted", ["aws_sns_topic"], (topic) =>
  !topic.kms_master_key_id && "is not encrypted at rest",
);
