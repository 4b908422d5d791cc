import { actionsOf, allows, statements } from "./policy-document";
import { rule } from "./rule";

/** A queue policy grants named actions, never every SQS action. */
export const sqsPolicyNoAllActions = rule("CKV_AWS_72", "Ensure SQS policy does not allow ALL (*) actions.", ["aws_sqs_queue_policy"], (policy) => {
  const all = statements(policy.policy).filter(allows).flatMap(actionsOf).find((action) => action === "*" || action === "sqs:*");
  return all && `allows "${all}"`;
});
