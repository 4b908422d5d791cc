import { attachedTo, rule } from "./rule";

/** A stage logs its errors (or more) and publishes its metrics. */
export const apiGatewayLoggingLevel = rule("CKV2_AWS_4", "Ensure API Gateway stage have logging level defined as appropriate", ["aws_api_gateway_stage"], (_config, stage, terraform) =>
  !attachedTo(terraform, "aws_api_gateway_method_settings", "stage_name", stage, ["stage_name"]).some(
    (settings) => ["ERROR", "INFO"].includes(settings.settings?.logging_level) && settings.settings?.metrics_enabled === true,
  ) && "has no method settings logging ERROR or INFO with metrics",
);
