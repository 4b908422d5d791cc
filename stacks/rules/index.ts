import { dynamodbRecoverable } from "./dynamodb-recoverable";
import { iamNoWildcardAllow } from "./iam-no-wildcard-allow";
import { kmsKeyRotation } from "./kms-key-rotation";
import { logGroupRetention } from "./log-group-retention";
import { noSecretValues } from "./no-secret-values";
import type { Rule, TerraformJson } from "./rule";
import { snsEncrypted } from "./sns-encrypted";
import { sqsEncrypted } from "./sqs-encrypted";
import { sqsTlsOnly } from "./sqs-tls-only";

/** Every rule the stack enforces at synth. */
export const RULES: readonly Rule[] = [
  iamNoWildcardAllow,
  sqsEncrypted,
  sqsTlsOnly,
  snsEncrypted,
  dynamodbRecoverable,
  kmsKeyRotation,
  logGroupRetention,
  noSecretValues,
];

/** Every finding of every rule, each prefixed with its rule id. */
export function checkRules(terraform: TerraformJson, rules: readonly Rule[] = RULES): string[] {
  return rules.flatMap((rule) => rule.check(terraform).map((finding) => `[${rule.id}] ${finding}`));
}

export type { Rule, TerraformJson } from "./rule";
