import { rule } from "./rule";

/** A function's environment is encrypted with a customer-managed key. */
export const lambdaEnvironmentEncryption = rule("CKV_AWS_173", "Check encryption settings for Lambda environmental variable", ["aws_lambda_function"], (fn) =>
  Object.keys(fn.environment?.variables ?? {}).length > 0 && !fn.kms_key_arn && "has environment variables not encrypted with a customer-managed KMS key",
);
