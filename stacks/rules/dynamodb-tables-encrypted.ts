import { rule } from "./rule";

/** A table encrypted with a customer-managed key can have its reads audited and revoked by its owner. */
export const dynamodbTablesEncrypted = rule("CKV_AWS_119", "Ensure DynamoDB Tables are encrypted using a KMS Customer Managed CMK", ["aws_dynamodb_table"], (table) =>
  !(table.server_side_encryption?.enabled === true && table.server_side_encryption?.kms_key_arn) && "is not encrypted with a customer-managed KMS key",
);
