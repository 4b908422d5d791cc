import { resources, type Rule } from "./rule";

/** Logs expire: a log group without retention keeps (and bills) them forever. */
export const logGroupRetention: Rule = {
  id: "log-group-retention",
  description: "Every CloudWatch log group has a retention period",
  check: (terraform) =>
    resources(terraform, "aws_cloudwatch_log_group")
      .filter(([, group]) => !(group.retention_in_days > 0))
      .map(([address]) => `${address} has no retention`),
};
