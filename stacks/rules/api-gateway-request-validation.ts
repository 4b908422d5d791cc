import { rule } from "./rule";

/** API Gateway refuses a malformed request before it reaches the integration. */
export const apiGatewayRequestValidation = rule("CKV2_AWS_53", "Ensure AWS API gateway request is validated", ["aws_api_gateway_method"], (method) =>
  !method.request_validator_id && "has no request validator",
);
