import { rule } from "./rule";

/** An audit trail needs a year of logs. */
export const cloudwatchLogGroupRetentionYear = rule("CKV_AWS_338", "Ensure CloudWatch log groups retains logs for at least 1 year", ["aws_cloudwatch_log_group"], (group) =>
  group.retention_in_days > 0 && group.retention_in_days < 365 && `keeps logs ${group.retention_in_days} days, under a year`,
);
