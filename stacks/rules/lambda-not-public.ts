import { rule } from "./rule";

/** A function is invoked by named principals only. */
export const lambdaNotPublic = rule("CKV_AWS_301", "Ensure that AWS Lambda function is not publicly accessible", ["aws_lambda_permission"], (permission) =>
  permission.principal === "*" && "lets anyone invoke the function",
);
