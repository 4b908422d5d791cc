import { rule } from "./rule";

/** A method asks its caller for an identity: an authorizer, IAM, or an API key. */
export const apiGatewayAuthorization = rule("CKV_AWS_59", "Ensure there is no open access to back-end resources through API", ["aws_api_gateway_method"], (method) =>
  method.http_method !== "OPTIONS" && [undefined, "NONE"].includes(method.authorization) && method.api_key_required !== true && "lets anyone call it (authorization NONE, no API key)",
);
