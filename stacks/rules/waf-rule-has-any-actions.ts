import { rule, type TerraformArguments } from "./rule";

/** Every rule of a web ACL does something when it matches. */
export const wafRuleHasAnyActions = rule("CKV_AWS_342", "Ensure WAF rule has any actions", ["aws_wafv2_web_acl"], (acl) => {
  const idle = [acl.rule ?? []]
    .flat()
    .filter((r: TerraformArguments) => !r.action && !r.override_action && !r.statement?.managed_rule_group_statement)
    .map((r: TerraformArguments) => r.name);
  return idle.length > 0 && `has rules without an action: ${idle.join(", ")}`;
});
