import { rule } from "./rule";

export const apiGatewayXray = rule("CKV_AWS_73", "Ensure API Gateway has X-Ray Tracing enabled", ["aws_api_gateway_stage"], (stage) =>
  stage.xray_tracing_enabled !== true && "has no X-Ray tracing",
);
