import { deniesPlainHttp } from "./policy-document";
import { attachedTo, rule } from "./rule";

/** A queue answers only over TLS: its policy denies requests with `aws:SecureTransport` false. */
export const sqsTlsOnly = rule("AwsSolutions-SQS4", "The SQS queue requires requests to use SSL", ["aws_sqs_queue"], (_queue, queue, terraform) =>
  !attachedTo(terraform, "aws_sqs_queue_policy", "queue_url", queue, ["url", "id"]).some((policy) => deniesPlainHttp(policy.policy)) &&
  "has no queue policy denying requests not made over TLS",
);
