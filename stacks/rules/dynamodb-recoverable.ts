import { resources, type Rule } from "./rule";

/** A table can be restored to any second of the last 35 days, and is encrypted with a KMS key. */
export const dynamodbRecoverable: Rule = {
  id: "dynamodb-recoverable",
  description: "Every DynamoDB table has point-in-time recovery and KMS encryption",
  check: (terraform) =>
    resources(terraform, "aws_dynamodb_table").flatMap(([address, table]) => [
      ...(table.point_in_time_recovery?.enabled === true ? [] : [`${address} has no point-in-time recovery`]),
      ...(table.server_side_encryption?.enabled === true ? [] : [`${address} is not encrypted with a KMS key`]),
    ]),
};
