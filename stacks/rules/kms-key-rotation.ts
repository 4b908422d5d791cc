import { resources, type Rule } from "./rule";

/** Customer-managed keys rotate their key material yearly. */
export const kmsKeyRotation: Rule = {
  id: "kms-key-rotation",
  description: "Every KMS key has automatic rotation",
  check: (terraform) =>
    resources(terraform, "aws_kms_key")
      .filter(([, key]) => key.enable_key_rotation !== true)
      .map(([address]) => `${address} does not rotate`),
};
