import { Testing, Token } from "cdktf";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { toApiGatewayModel } from "../../schemas/api-gateway-model";
import { usersSchema } from "../../schemas/users";
import { WebhookApi, type WebhookApiProps } from "../../stacks/webhook-api";
import { onlyResource, resourcesOf } from "../support/synth";
import type { TerraformArguments } from "../../stacks/terraform-json";

const QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:hooks-dev-deliveries";
const props: WebhookApiProps = {
  apiName: "hooks-dev-api",
  stageName: "v1",
  region: "eu-west-1",
  queueArn: QUEUE_ARN,
  queueName: "hooks-dev-deliveries",
  routes: [
    { source: "users", model: toApiGatewayModel(usersSchema), contentTypes: ["application/json"], headers: ["x-signature"], requiredHeaders: ["x-signature"] },
    {
      source: "partners",
      model: toApiGatewayModel(usersSchema),
      contentTypes: ["application/json"],
      headers: ["x-partner-signature", "authorization"],
      requiredHeaders: ["x-partner-signature", "authorization"],
      deliveryIdHeader: "x-partner-delivery",
      throttle: { rateLimit: 5, burstLimit: 10 },
    },
  ],
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
  loggingLevel: "ERROR",
  logRetentionDays: 30,
  manageAccountCloudWatchRole: true,
};
const synthWith = (overrides: Partial<WebhookApiProps> = {}) => Testing.synthScope((scope) => new WebhookApi(scope, "api", { ...props, ...overrides }));
const synth = synthWith();

describe("WebhookApi", () => {
  it("is a regional REST API with a POST /webhooks/{source} per source", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayRestApi, { name: "hooks-dev-api", endpoint_configuration: { types: ["REGIONAL"] } });
    for (const pathPart of ["webhooks", "users", "partners"]) expect(synth).toHaveResourceWithProperties(ApiGatewayResource, { path_part: pathPart });
    const methods = Object.values(resourcesOf(synth, "aws_api_gateway_method"));
    expect(methods).toHaveLength(2);
    for (const method of methods) expect(method).toMatchObject({ http_method: "POST", authorization: "NONE", request_models: { "application/json": expect.any(String) } });
  });

  it("validates bodies against each source's draft-04 model, and requires the headers a genuine delivery has", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayRequestValidator, { validate_request_body: true, validate_request_parameters: true });
    const models = Object.values(resourcesOf(synth, "aws_api_gateway_model"));
    expect(models.map((m) => m.name).sort()).toEqual(["partnersWebhook", "usersWebhook"]);
    for (const model of models) expect(JSON.parse(model.schema)).toEqual(toApiGatewayModel(usersSchema));
    const methods = Object.values(resourcesOf(synth, "aws_api_gateway_method"));
    expect(methods.map((m) => m.request_parameters)).toEqual(
      expect.arrayContaining([
        { "method.request.header.x-signature": true },
        { "method.request.header.x-partner-signature": true, "method.request.header.authorization": true },
      ]),
    );
    expect(synth).toHaveResourceWithProperties(ApiGatewayGatewayResponse, { response_type: "BAD_REQUEST_PARAMETERS", status_code: "400" });
  });

  it("hands templates the exact bytes: every media type binary, converted to text (base64) for the template", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayRestApi, { binary_media_types: ["*/*"] });
    for (const integration of Object.values(resourcesOf(synth, "aws_api_gateway_integration"))) {
      expect(integration.content_handling).toBe("CONVERT_TO_TEXT");
      expect(integration.request_templates["application/json"]).toContain("$util.urlEncode($input.body)");
      expect(integration.request_templates["application/json"]).not.toContain("base64Encode");
    }
    // Responses too, or a sender whose Accept matches "*/*" would get them base64-decoded.
    for (const response of Object.values(resourcesOf(synth, "aws_api_gateway_integration_response"))) expect(response.content_handling).toBe("CONVERT_TO_TEXT");
  });

  it("sends to SQS through a role allowed only to send to this queue", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: "AWS",
      integration_http_method: "POST",
      passthrough_behavior: "NEVER",
      uri: "arn:${element(split(\":\", \"" + QUEUE_ARN + "\"), 1)}:apigateway:eu-west-1:sqs:path/${element(split(\":\", \"" + QUEUE_ARN + "\"), 4)}/hooks-dev-deliveries",
      request_parameters: {
        "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'",
        "integration.request.header.Accept": "'application/json'",
      },
    });
    const policy = Object.values(resourcesOf(synth, "aws_iam_role_policy")).find((p) => p.policy.includes("sqs:SendMessage"))!;
    expect(JSON.parse(policy.policy).Statement).toEqual([{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: QUEUE_ARN }]);
  });

  it("forwards each source's own headers in its envelope", () => {
    const templates = Object.values(resourcesOf(synth, "aws_api_gateway_integration")).map((i) => i.request_templates["application/json"]);
    const partners = templates.find((t: string) => t.includes("x-partner-signature"));
    expect(partners).toContain('"authorization"');
    expect(partners).toContain('"x-partner-delivery"');
    expect(templates.find((t: string) => !t.includes("x-partner"))).not.toContain("authorization");
  });

  it("answers 200 only for SQS 2xx; SQS 4xx and 5xx become 500 (413 when too large) and 503", () => {
    const responses = Object.values(resourcesOf(synth, "aws_api_gateway_integration_response")).map((r) => [r.status_code, r.selection_pattern]);
    expect(responses).toEqual(expect.arrayContaining([["200", "2\\d{2}"], ["500", "4\\d{2}"], ["503", "5\\d{2}"]]));
    expect(responses).toHaveLength(6);
    const methodStatuses = Object.values(resourcesOf(synth, "aws_api_gateway_method_response")).map((r) => r.status_code);
    // 413 is set by the 4xx integration response's template for a message too large for the queue.
    expect(methodStatuses.sort()).toEqual(["200", "200", "413", "413", "500", "500", "503", "503"]);
  });

  it("answers bad bodies and media types with JSON that says what is wrong", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: "BAD_REQUEST_BODY",
      status_code: "400",
      response_templates: { "application/json": expect.stringContaining("$context.error.validationErrorString") },
    });
    expect(synth).toHaveResourceWithProperties(ApiGatewayGatewayResponse, { response_type: "UNSUPPORTED_MEDIA_TYPE", status_code: "415" });
  });

  it("redeploys when what shapes the API changes, creating the new deployment first", () => {
    const deployment = onlyResource(synth, "aws_api_gateway_deployment");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment.triggers.redeployment).toMatch(/^[0-9a-f]{64}$/);
    const same = onlyResource(synthWith(), "aws_api_gateway_deployment").triggers.redeployment;
    const changed = onlyResource(synthWith({ routes: props.routes.slice(0, 1) }), "aws_api_gateway_deployment").triggers.redeployment;
    expect(same).toBe(deployment.triggers.redeployment);
    expect(changed).not.toBe(deployment.triggers.redeployment);
    const renamedQueue = onlyResource(synthWith({ queueName: "hooks-dev-other" }), "aws_api_gateway_deployment").triggers.redeployment;
    expect(renamedQueue).not.toBe(same);
    // Throttling is a stage setting: it must not force a redeployment.
    expect(onlyResource(synthWith({ throttlingRateLimit: 5 }), "aws_api_gateway_deployment").triggers.redeployment).toBe(same);
    const routeThrottled = props.routes.map((route) => ({ ...route, throttle: { rateLimit: 1, burstLimit: 1 } }));
    expect(onlyResource(synthWith({ routes: routeThrottled }), "aws_api_gateway_deployment").triggers.redeployment).toBe(same);
  });

  it("stages with X-Ray, JSON access logs, metrics and a throttle per source's method, but no data tracing", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayStage, { stage_name: "v1", xray_tracing_enabled: true });
    const format = JSON.parse(onlyResource(synth, "aws_api_gateway_stage").access_log_settings.format);
    expect(format).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    // The validator's findings can quote the body: they go to the sender, never to the logs.
    expect(JSON.stringify(format)).not.toContain("validationErrorString");
    const settings = (rate: number, burst: number) => ({ metrics_enabled: true, logging_level: "ERROR", data_trace_enabled: false, throttling_rate_limit: rate, throttling_burst_limit: burst });
    const methodSettings = Object.values(resourcesOf(synth, "aws_api_gateway_method_settings")).map((s) => [s.method_path, s.settings]);
    expect(Object.fromEntries(methodSettings)).toEqual({
      "*/*": settings(50, 100),
      "webhooks/users/POST": settings(50, 100),
      "webhooks/partners/POST": settings(5, 10),
    });
    const groups = Object.values(resourcesOf(synth, "aws_cloudwatch_log_group")).map((g) => g.name);
    expect(groups).toEqual(expect.arrayContaining(["/aws/apigateway/hooks-dev-api/v1/access", expect.stringMatching(/^API-Gateway-Execution-Logs_\$\{.+\}\/v1$/)]));
  });

  it("refuses a queue name only known at apply, which the redeployment hash could not see", () => {
    expect(() => Testing.synthScope((scope) => new WebhookApi(scope, "api", { ...props, queueName: Token.asString({ Ref: "q" }) }))).toThrow(
      /queueName must be a literal/,
    );
  });

  it("manages the account's CloudWatch role only when asked to", () => {
    expect(synth).toHaveResourceWithProperties(ApiGatewayAccount, {});
    expect(synthWith({ manageAccountCloudWatchRole: false })).not.toHaveResourceWithProperties(ApiGatewayAccount, {});
  });

  it("takes forms where the sender posts them: a template per content type, the model only for JSON", () => {
    const form = "application/x-www-form-urlencoded";
    const slack = { source: "slack", model: toApiGatewayModel(usersSchema), contentTypes: [form], headers: ["x-slack-signature"] } as const;
    const twilio = { ...slack, source: "twilio", contentTypes: [form, "application/json"] as const };
    const synthed = synthWith({ routes: [slack, twilio] });
    const methods = resourcesOf(synthed, "aws_api_gateway_method");
    const integrations = resourcesOf(synthed, "aws_api_gateway_integration");
    const of = (all: Record<string, TerraformArguments>, source: string) => Object.entries(all).find(([id]) => id.includes(`${source}-`))![1];
    expect(of(methods, "slack").request_models).toBeUndefined();
    expect(Object.keys(of(integrations, "slack").request_templates)).toEqual([form]);
    expect(of(methods, "twilio").request_models).toEqual({ "application/json": expect.any(String) });
    expect(Object.keys(of(integrations, "twilio").request_templates).sort()).toEqual(["application/json", form]);
    expect(Object.values(resourcesOf(synthed, "aws_api_gateway_model")).map((m) => m.name)).toEqual(["twilioWebhook"]);
  });

  it("serves a custom domain, whose URLs senders are given and signed URLs are checked against", () => {
    const customDomain = { domainName: "hooks.example.com", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc", basePath: "in" };
    const synthed = synthWith({ customDomain });
    expect(synthed).toHaveResourceWithProperties(ApiGatewayDomainName, {
      domain_name: "hooks.example.com",
      regional_certificate_arn: customDomain.certificateArn,
      endpoint_configuration: { types: ["REGIONAL"] },
      security_policy: "TLS_1_2",
    });
    expect(synthed).toHaveResourceWithProperties(ApiGatewayBasePathMapping, { base_path: "in" });
    const templates = Object.values(resourcesOf(synthed, "aws_api_gateway_integration")).map((i) => i.request_templates["application/json"]);
    expect(templates.join()).toContain('#set($url = "https://hooks.example.com/in/webhooks/users")');
    const api = Testing.synthScope((scope) => {
      const construct = new WebhookApi(scope, "api", { ...props, customDomain: { ...customDomain, basePath: "" } });
      expect(construct.endpoints).toEqual({ users: "https://hooks.example.com/webhooks/users", partners: "https://hooks.example.com/webhooks/partners" });
    });
    expect(api).not.toHaveResourceWithProperties(ApiGatewayBasePathMapping, { base_path: "" });
    expect(onlyResource(synthed, "aws_api_gateway_deployment").triggers.redeployment).not.toBe(onlyResource(synth, "aws_api_gateway_deployment").triggers.redeployment);
  });
});
