import { rule } from "./rule";

export const wafHasAnyRules = rule("CKV_AWS_175", "Ensure WAF has associated rules", ["aws_wafv2_web_acl"], (acl) => [acl.rule ?? []].flat().length === 0 && "has no rules");
