import { rule } from "./rule";

/** API Gateway proves itself to an HTTP back end with a client certificate. */
export const apiGatewayClientCertificate = rule("CKV2_AWS_51", "Ensure AWS API Gateway endpoints uses client certificate authentication", ["aws_api_gateway_stage"], (stage) =>
  !stage.client_certificate_id && "presents no client certificate to its back end",
);
