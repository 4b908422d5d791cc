import { rule } from "./rule";

/** A custom domain refuses TLS older than 1.2. */
export const apiGatewayDomainNameTls = rule("CKV_AWS_206", "Ensure API Gateway Domain uses a modern security Policy", ["aws_api_gateway_domain_name"], (domain) =>
  !/^(TLS_1_2|SecurityPolicy_TLS1[23])/.test(domain.security_policy ?? "") && `accepts ${domain.security_policy ?? "the default (TLS 1.0)"} connections`,
);
