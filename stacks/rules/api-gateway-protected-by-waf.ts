import { attachedTo, reference, resourcesOf, type Resource, type TerraformJson, rule } from "./rule";

/** The web ACL associated with a stage, if any. */
export function webAclOf(stage: Resource, terraform: TerraformJson): Resource | undefined {
  const [association] = attachedTo(terraform, "aws_wafv2_web_acl_association", "resource_arn", stage, ["arn"]);
  return association && resourcesOf(terraform, ["aws_wafv2_web_acl"]).find((acl) => association.web_acl_arn === reference(acl, "arn"));
}

/** Requests meet a web application firewall before they reach the API. */
export const apiGatewayProtectedByWaf = rule("CKV2_AWS_29", "Ensure public API gateway are protected by WAF", ["aws_api_gateway_stage"], (_config, stage, terraform) =>
  !webAclOf(stage, terraform) && "has no WAF web ACL",
);
