import { rule } from "./rule";

/** Customer-managed keys rotate their key material yearly. */
export const kmsRotation = rule("CKV_AWS_7", "Ensure rotation for customer created CMKs is enabled", ["aws_kms_key"], (key) =>
  key.enable_key_rotation !== true && "does not rotate",
);
