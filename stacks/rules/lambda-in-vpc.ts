import { rule } from "./rule";

/** A function reaches the network only through a VPC the owner controls. */
export const lambdaInVpc = rule("CKV_AWS_117", "Ensure that AWS Lambda function is configured inside a VPC", ["aws_lambda_function"], (fn) =>
  !(fn.vpc_config?.subnet_ids?.length > 0) && "runs outside a VPC",
);
