import { rule } from "./rule";

/** Logs expire: a log group without retention keeps (and bills) them forever. */
export const cloudwatchLogGroupRetention = rule("CKV_AWS_66", "Ensure that CloudWatch Log Group specifies retention days", ["aws_cloudwatch_log_group"], (group) =>
  !(group.retention_in_days > 0) && "has no retention",
);
