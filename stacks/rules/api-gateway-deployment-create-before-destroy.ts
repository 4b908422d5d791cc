import { rule } from "./rule";

/** A new deployment is live before the old one goes, so the stage never points at nothing. */
export const apiGatewayDeploymentCreateBeforeDestroy = rule("CKV_AWS_217", "Ensure Create before destroy for API deployments", ["aws_api_gateway_deployment"], (deployment) =>
  deployment.lifecycle?.create_before_destroy !== true && "is destroyed before its replacement is created",
);
