import { actionsOf, allows, POLICY_FIELDS, statements } from "./policy-document";
import type { Rule } from "./rule";

/**
 * Least privilege, stricter than CKV_AWS_63: an Allow names each action, so neither `*` nor
 * `sqs:*` nor `sqs:Delete*`. A wildcard is tolerated only in a Deny.
 */
export const iamNoServiceWildcards: Rule = {
  id: "WH_AWS_2",
  description: "IAM Allow statements name their actions: no `*`, no `service:*`, no partial wildcard",
  resourceTypes: Object.keys(POLICY_FIELDS),
  check: ({ config, type }) =>
    statements(config[POLICY_FIELDS[type]])
      .filter(allows)
      .flatMap(actionsOf)
      .filter((action) => action.includes("*"))
      .map((action) => `allows the wildcard action "${action}"`),
};
