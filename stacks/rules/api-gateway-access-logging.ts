import { rule } from "./rule";

/** Every request leaves a line: who, when, what answer. */
export const apiGatewayAccessLogging = rule("CKV_AWS_76", "Ensure API Gateway has Access Logging enabled", ["aws_api_gateway_stage"], (stage) =>
  !stage.access_log_settings?.destination_arn && "has no access log",
);
