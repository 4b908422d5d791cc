import { webAclOf } from "./api-gateway-protected-by-waf";
import { rule } from "./rule";
import { managedRuleGroups } from "./waf-log4j";

const REQUIRED = ["AWSManagedRulesAnonymousIpList", "AWSManagedRulesKnownBadInputsRuleSet"];

/** A stage's web ACL, where it has one, blocks anonymizing networks and known exploit inputs. */
export const apiGatewayWafLog4j = rule("CKV2_AWS_77", "Ensure AWS API Gateway Rest API attached WAFv2 WebACL is configured with AMR for Log4j Vulnerability", ["aws_api_gateway_stage"], (_config, stage, terraform) => {
  const acl = webAclOf(stage, terraform);
  const missing = acl ? REQUIRED.filter((name) => !managedRuleGroups(acl.config).some((group) => group.name === name)) : [];
  return missing.length > 0 && `has a web ACL without ${missing.join(" and ")}`;
});
