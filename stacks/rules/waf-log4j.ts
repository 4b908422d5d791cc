import { rule, type TerraformArguments } from "./rule";

/** The managed rule groups of a web ACL's rules, each with its rule and its group's settings. */
export function managedRuleGroups(acl: TerraformArguments): { name: string; rule: TerraformArguments; group: TerraformArguments }[] {
  return [acl.rule ?? []].flat().flatMap((r: TerraformArguments) => {
    const group = r.statement?.managed_rule_group_statement;
    return group ? [{ name: group.name, rule: r, group }] : [];
  });
}

/** The web ACL blocks Log4Shell (CVE-2021-44228) with AWS's known-bad-inputs rules, its Log4JRCE rule not excluded. */
export const wafLog4j = rule("CKV_AWS_192", "Ensure WAF prevents message lookup in Log4j2. See CVE-2021-44228 aka log4jshell", ["aws_wafv2_web_acl"], (acl) => {
  const knownBad = managedRuleGroups(acl).find((g) => g.name === "AWSManagedRulesKnownBadInputsRuleSet");
  if (!knownBad) return "does not use AWSManagedRulesKnownBadInputsRuleSet";
  if ([knownBad.group.excluded_rule ?? []].flat().some((r: { name: string }) => r.name === "Log4JRCE")) return "excludes the Log4JRCE rule";
  return !knownBad.rule.override_action?.none && "counts, rather than blocks, the known bad inputs";
});
