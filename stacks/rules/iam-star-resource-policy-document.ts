import { actionsOf, allows, resourcesIn, statements } from "./policy-document";
import { rule } from "./rule";

/**
 * Actions that accept no resource but `*` (the Service Authorization Reference lists no resource
 * type for them), so a `*` resource on them restricts nothing away.
 */
export const UNRESTRICTABLE_ACTIONS: ReadonlySet<string> = new Set([
  "cloudwatch:putmetricdata",
  "xray:puttracesegments",
  "xray:puttelemetryrecords",
  "logs:createlogdelivery",
  "logs:getlogdelivery",
  "logs:updatelogdelivery",
  "logs:deletelogdelivery",
  "logs:listlogdeliveries",
  "logs:putresourcepolicy",
  "logs:describeresourcepolicies",
  "logs:describeloggroups",
  "xray:getsamplingrules",
  "xray:getsamplingtargets",
]);

/** An identity policy names the resources of every action that can be restricted to some. */
export const iamStarResourcePolicyDocument = rule(
  "CKV_AWS_355",
  "Ensure no IAM policies documents allow \"*\" as a statement's resource for restrictable actions",
  ["aws_iam_role_policy", "aws_iam_policy"],
  (config) => {
    const restrictable = statements(config.policy)
      .filter((s) => allows(s) && resourcesIn(s).includes("*"))
      .flatMap(actionsOf)
      .filter((action) => !UNRESTRICTABLE_ACTIONS.has(action.toLowerCase()));
    return restrictable.length > 0 && `allows ${restrictable.map((a) => `"${a}"`).join(", ")} on every resource ("*")`;
  },
);
