import { rule } from "./rule";

export const apiGatewayCacheEnable = rule("CKV_AWS_120", "Ensure API Gateway caching is enabled", ["aws_api_gateway_stage"], (stage) =>
  stage.cache_cluster_enabled !== true && "has no cache cluster",
);
