import { rule } from "./rule";

/** A table can be restored to any second of the last 35 days. */
export const dynamodbTablePitr = rule("CKV_AWS_28", "Ensure DynamoDB point in time recovery (backup) is enabled", ["aws_dynamodb_table"], (table) =>
  table.point_in_time_recovery?.enabled !== true && "has no point-in-time recovery",
);
