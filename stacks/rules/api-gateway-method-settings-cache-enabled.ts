import { rule } from "./rule";

export const apiGatewayMethodSettingsCacheEnabled = rule("CKV_AWS_225", "Ensure API Gateway method setting caching is enabled", ["aws_api_gateway_method_settings"], (settings) =>
  settings.settings?.caching_enabled !== true && "does not cache responses",
);
