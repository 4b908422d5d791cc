import { isPublic, statements } from "./policy-document";
import { rule } from "./rule";

/** A key policy names who may use the key. */
export const kmsKeyWildcardPrincipal = rule("CKV_AWS_33", "Ensure KMS key policy does not contain wildcard (*) principal", ["aws_kms_key"], (key) =>
  statements(key.policy).some(isPublic) && "allows any principal, unconditionally",
);
