import { isPublic, statements } from "./policy-document";
import { rule } from "./rule";

/** A queue policy allows named principals only, or anyone only under a condition. */
export const sqsQueuePolicyNotPublic = rule(
  "CKV_AWS_168",
  "Ensure SQS queue policy is not public by only allowing specific services or principals to access it",
  ["aws_sqs_queue_policy"],
  (policy) => statements(policy.policy).some(isPublic) && "allows any principal, unconditionally",
);
