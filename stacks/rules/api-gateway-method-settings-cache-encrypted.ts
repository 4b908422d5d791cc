import { rule } from "./rule";

/** Cached responses are encrypted at rest. */
export const apiGatewayMethodSettingsCacheEncrypted = rule("CKV_AWS_308", "Ensure API Gateway method setting caching is set to encrypted", ["aws_api_gateway_method_settings"], (settings) =>
  settings.settings?.caching_enabled === true && settings.settings?.cache_data_encrypted !== true && "caches responses unencrypted",
);
