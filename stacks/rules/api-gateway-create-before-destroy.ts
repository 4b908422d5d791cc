import { rule } from "./rule";

export const apiGatewayCreateBeforeDestroy = rule("CKV_AWS_237", "Ensure Create before destroy for API Gateway", ["aws_api_gateway_rest_api"], (api) =>
  api.lifecycle?.create_before_destroy !== true && "is destroyed before its replacement is created",
);
