import { rule } from "./rule";

/** A key states its own policy, rather than inheriting the account's default. */
export const kmsKeyPolicyIsDefined = rule("CKV2_AWS_64", "Ensure KMS key Policy is defined", ["aws_kms_key"], (key) => !key.policy && "has no key policy");
