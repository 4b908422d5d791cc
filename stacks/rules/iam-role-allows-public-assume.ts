import { allows, principalsOf, statements } from "./policy-document";
import { rule } from "./rule";

/** A role names who may assume it. */
export const iamRoleAllowsPublicAssume = rule("CKV_AWS_60", "Ensure IAM role allows only specific services or principals to assume it", ["aws_iam_role"], (role) =>
  statements(role.assume_role_policy).some((s) => allows(s) && principalsOf(s).includes("*")) && "may be assumed by any principal",
);
