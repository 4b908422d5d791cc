import { actionsOf, allows, resourcesIn, statements } from "./policy-document";
import { rule } from "./rule";

/** Actions whose holder can raise their own privileges, as Checkov (after Cloudsplaining) lists them. */
export const PRIVILEGE_ESCALATION_ACTIONS: ReadonlySet<string> = new Set(
  [
    "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:PassRole", "iam:CreateAccessKey", "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:PutUserPolicy",
    "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:AddUserToGroup", "iam:UpdateAssumeRolePolicy", "lambda:CreateFunction",
    "lambda:UpdateFunctionCode", "lambda:CreateEventSourceMapping", "glue:UpdateDevEndpoint", "glue:CreateDevEndpoint",
    "cloudformation:CreateStack", "datapipeline:CreatePipeline", "ec2:RunInstances", "sts:AssumeRole",
  ].map((action) => action.toLowerCase()),
);

/** No identity policy lets its holder raise its own privileges on any resource at all. */
export const iamPrivilegeEscalation = rule("CKV_AWS_286", "Ensure IAM policies does not allow privilege escalation", ["aws_iam_role_policy", "aws_iam_policy"], (config) => {
  const escalating = statements(config.policy)
    .filter((s) => allows(s) && resourcesIn(s).includes("*"))
    .flatMap(actionsOf)
    .filter((action) => action === "*" || PRIVILEGE_ESCALATION_ACTIONS.has(action.toLowerCase()));
  return escalating.length > 0 && `allows ${escalating.map((a) => `"${a}"`).join(", ")} on every resource, which can escalate privileges`;
});
