import { rule } from "./rule";

/** An asynchronous invocation that keeps failing is kept, not dropped. */
export const lambdaDlqConfigured = rule("CKV_AWS_116", "Ensure that AWS Lambda function is configured for a Dead Letter Queue(DLQ)", ["aws_lambda_function"], (fn) =>
  !fn.dead_letter_config?.target_arn && "has no dead-letter queue for asynchronous invocations",
);
