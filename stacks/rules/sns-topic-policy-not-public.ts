import { isPublic, statements } from "./policy-document";
import { rule } from "./rule";

/** A topic policy allows named principals only, or anyone only under a condition. */
export const snsTopicPolicyNotPublic = rule(
  "CKV_AWS_169",
  "Ensure SNS topic policy is not public by only allowing specific services or principals to access it",
  ["aws_sns_topic_policy"],
  (policy) => statements(policy.policy).some(isPublic) && "allows any principal, unconditionally",
);
