import { rule } from "./rule";

/** A service may invoke a function only for a named resource or account (confused deputy). */
export const lambdaServicePermission = rule(
  "CKV_AWS_364",
  "Ensure that AWS Lambda function permissions delegated to AWS services are limited by SourceArn or SourceAccount",
  ["aws_lambda_permission"],
  (permission) =>
    String(permission.principal).endsWith(".amazonaws.com") && !permission.source_arn && !permission.source_account && `lets ${permission.principal} invoke it for any resource`,
);
