import { rule } from "./rule";

/** A disabled key would stop every queue, table and log group encrypted with it. */
export const kmsKeyIsEnabled = rule("CKV_AWS_227", "Ensure KMS key is enabled", ["aws_kms_key"], (key) => key.is_enabled === false && "is disabled");
