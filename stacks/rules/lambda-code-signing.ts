import { rule } from "./rule";

/** Lambda runs only code signed by a trusted profile. */
export const lambdaCodeSigning = rule("CKV_AWS_272", "Ensure AWS Lambda function is configured to validate code-signing", ["aws_lambda_function"], (fn) =>
  !fn.code_signing_config_arn && "does not validate code signatures",
);
