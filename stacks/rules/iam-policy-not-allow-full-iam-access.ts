import { actionsOf, allows, POLICY_FIELDS, statements } from "./policy-document";
import { rule } from "./rule";

/** Whoever holds `iam:*` can grant themselves anything. */
export const iamPolicyNotAllowFullIamAccess = rule("CKV2_AWS_40", "Ensure AWS IAM policy does not allow full IAM privileges", Object.keys(POLICY_FIELDS), (config, { type }) =>
  statements(config[POLICY_FIELDS[type]]).filter(allows).some((s) => actionsOf(s).some((action) => action === "*" || action.toLowerCase() === "iam:*")) &&
  "allows every IAM action",
);
