import { rule } from "./rule";

/** A slow or failing delivery can be followed through the function. */
export const lambdaXray = rule("CKV_AWS_50", "X-Ray tracing is enabled for Lambda", ["aws_lambda_function"], (fn) =>
  !["Active", "PassThrough"].includes(fn.tracing_config?.mode) && "has no X-Ray tracing",
);
