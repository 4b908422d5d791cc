import { attachedTo, rule } from "./rule";

/** What the firewall blocked, and why, is kept. */
export const wafHasLogs = rule("CKV2_AWS_31", "Ensure WAF2 has a Logging Configuration", ["aws_wafv2_web_acl"], (_config, acl, terraform) =>
  attachedTo(terraform, "aws_wafv2_web_acl_logging_configuration", "resource_arn", acl, ["arn"]).length === 0 && "has no logging configuration",
);
