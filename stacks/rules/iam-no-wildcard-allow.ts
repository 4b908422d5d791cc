import { resources, type Rule } from "./rule";

const POLICY_FIELDS: [type: string, field: string][] = [
  ["aws_iam_role_policy", "policy"],
  ["aws_iam_policy", "policy"],
  ["aws_sqs_queue_policy", "policy"],
  ["aws_sns_topic_policy", "policy"],
  ["aws_kms_key", "policy"],
];

/** Least privilege: an Allow names its actions. A wildcard is tolerated only in a Deny. */
export const iamNoWildcardAllow: Rule = {
  id: "iam-no-wildcard-allow",
  description: "IAM Allow statements list their actions: no `*` and no `service:*`",
  check: (terraform) =>
    POLICY_FIELDS.flatMap(([type, field]) =>
      resources(terraform, type).flatMap(([address, config]) => {
        const statements = [JSON.parse(config[field]).Statement].flat();
        return statements
          .filter((s) => s.Effect === "Allow")
          .flatMap((s) => [s.Action ?? s.NotAction].flat())
          .filter((action: string) => action.includes("*"))
          .map((action: string) => `${address} allows the wildcard action "${action}"`);
      }),
    ),
};
