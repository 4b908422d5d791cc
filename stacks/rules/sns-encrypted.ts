import { resources, type Rule } from "./rule";

/** Notifications at rest are encrypted with a KMS key. */
export const snsEncrypted: Rule = {
  id: "sns-encrypted",
  description: "Every SNS topic has server-side encryption with a KMS key",
  check: (terraform) =>
    resources(terraform, "aws_sns_topic")
      .filter(([, topic]) => !topic.kms_master_key_id)
      .map(([address]) => `${address} is not encrypted at rest`),
};
