import { rule } from "./rule";

/** Execution logs never hold request and response bodies, so never a delivery or its signature. */
export const apiGatewayMethodSettingsDataTrace = rule("CKV_AWS_276", "Ensure Data Trace is not enabled in API Gateway Method Settings", ["aws_api_gateway_method_settings"], (settings) =>
  settings.settings?.data_trace_enabled === true && "logs full requests and responses (data trace)",
);
