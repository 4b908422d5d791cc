import { rule } from "./rule";

/** A secret encrypted with a customer-managed key can have its reads audited and revoked by its owner. */
export const secretsManagerCmk = rule("CKV_AWS_149", "Ensure that Secrets Manager secret is encrypted using KMS CMK", ["aws_secretsmanager_secret"], (secret) =>
  !secret.kms_key_id && "is encrypted with the AWS-managed key, not a customer-managed one",
);
