import { actionsOf, allows, POLICY_FIELDS, statements } from "./policy-document";
import { rule } from "./rule";

/** No policy allows every action of every service. */
export const iamStarActionPolicyDocument = rule("CKV_AWS_63", "Ensure no IAM policies documents allow \"*\" as a statement's actions", Object.keys(POLICY_FIELDS), (config, { type }) =>
  statements(config[POLICY_FIELDS[type]]).filter(allows).some((s) => actionsOf(s).includes("*")) && 'allows the action "*"',
);
