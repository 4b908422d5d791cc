import { rule } from "./rule";

/** A flood cannot take the account's whole Lambda pool. */
export const lambdaConcurrencyLimit = rule("CKV_AWS_115", "Ensure that AWS Lambda function is configured for function-level concurrent execution limit", ["aws_lambda_function"], (fn) =>
  (fn.reserved_concurrent_executions === undefined || fn.reserved_concurrent_executions === -1) && "has no reserved concurrency",
);
