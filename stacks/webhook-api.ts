import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import type { ITerraformDependable } from "cdktf";
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayModel } from "@cdktf/provider-aws/lib/api-gateway-model";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayRestApiPolicy } from "@cdktf/provider-aws/lib/api-gateway-rest-api-policy";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { JSON_CONTENT } from "../delivery/payload";
import { GATEWAY_RESPONSES, integrationResponses, STORE_RESPONSES, type IntegrationAnswer } from "./api-responses";
import { assumeRolePolicy, keyUseStatement, policyDocument, type PolicyStatement } from "./iam";
import { logGroup } from "./log-group";
import { suppress } from "./rules";
import { ServiceRole } from "./service-role";
import { PAYLOAD_TOO_LARGE, sendMessageTemplate } from "./sqs-mapping-template";
import { storedRequest, type RouteThrottle, type StoredRequest, type WebhookRoute } from "./webhook-route";

export interface WebhookApiProps {
  /** Name of the REST API; also names its roles and log groups. */
  readonly apiName: string;
  /** Stage name, the first path segment of every URL. */
  readonly stageName: string;
  /** AWS region of the queue, for the SQS integration URI. */
  readonly region: string;
  /** ARN of the queue deliveries are sent to. */
  readonly queueArn: string;
  /** Name of that queue, as a literal: it is part of the deployment's trigger hash. */
  readonly queueName: string;
  readonly routes: readonly WebhookRoute[];
  /** Steady-state requests per second of each method without a throttle of its own. */
  readonly throttlingRateLimit: number;
  /** Burst of requests each such method absorbs above the rate. */
  readonly throttlingBurstLimit: number;
  /** Execution logging level: OFF, ERROR or INFO (request and response data are never logged). */
  readonly loggingLevel: "OFF" | "ERROR" | "INFO";
  /** Days CloudWatch keeps access and execution logs. */
  readonly logRetentionDays: number;
  /**
   * Set the region-wide API Gateway CloudWatch role (`aws_api_gateway_account`), which logging
   * needs. Turn off when another stack in the account and region manages it.
   */
  readonly manageAccountCloudWatchRole: boolean;
  /** Serve the stage on this domain too; its URLs are then the ones senders are given. @default none */
  readonly customDomain?: WebhookCustomDomain;
  /** Customer-managed key of the queue (the API's role encrypts with it) and of the API's logs. @default AWS's own keys */
  readonly kmsKeyArn?: string;
  /** The function that answers handshakes, for routes that have one. @default none */
  readonly handshakeFunction?: { readonly functionName: string; readonly invokeArn: string };
  /** The bucket stored routes write bodies to, by name, with the statement that lets them. @default none */
  readonly payloadBucket?: { readonly bucketName: string; readonly bucketArn: string; readonly writeStatement: PolicyStatement };
}

export interface WebhookCustomDomain {
  /** Such as `hooks.example.com`. */
  readonly domainName: string;
  /** ACM certificate for the domain, in the API's region. */
  readonly certificateArn: string;
  /** Path under the domain where the stage is mapped; "" maps it at the root. */
  readonly basePath: string;
}

const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTimeEpoch",
  sourceIp: "$context.identity.sourceIp",
  httpMethod: "$context.httpMethod",
  path: "$context.path",
  status: "$context.status",
  responseLength: "$context.responseLength",
  latencyMs: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  integrationLatencyMs: "$context.integration.latency",
  // Not $context.error.validationErrorString: the validator's findings can quote the request body.
  error: "$context.error.message",
  userAgent: "$context.identity.userAgent",
});

/**
 * Every content type is binary to the API, and the integration converts bodies to text as base64
 * (CONVERT_TO_TEXT): the mapping template then holds the exact bytes received, which a text payload
 * would not (API Gateway decodes text as UTF-8, replacing what is not). Integration responses are
 * converted to text too, so senders get the JSON the response templates write whatever they accept.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
 */
export const BINARY_MEDIA_TYPES = ["*/*"];
const CONVERT_TO_TEXT = "CONVERT_TO_TEXT";

/**
 * The regional REST API that receives webhooks: for each source, a validated `POST
 * /webhooks/{source}` with its own throttle that sends an envelope of the request, raw body
 * included, to SQS through a role that may only send to that queue; a stage with JSON access logs
 * and X-Ray.
 */
export class WebhookApi extends Construct {
  readonly restApi: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  /** The URL senders are given, by source name. */
  readonly endpoints: Record<string, string> = {};
  /** Each source's route, by source name: its `/webhooks/<source>` resource and its POST method. */
  readonly routes: Record<string, { readonly resource: ApiGatewayResource; readonly method: ApiGatewayMethod }> = {};
  /** The custom domain, whose regional name and zone a DNS alias record points at. */
  readonly domainName?: ApiGatewayDomainName;
  private readonly props: WebhookApiProps;
  /** Each route's SQS mapping template, in the order of `props.routes`. */
  private readonly templates: readonly string[];

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    if (Token.isUnresolved(props.queueName)) {
      // A token would hash as its placeholder: a renamed queue would then never be redeployed.
      throw new Error("WebhookApi: queueName must be a literal known at synth, not a token");
    }
    this.props = props;
    this.templates = props.routes.map((route) => sendMessageTemplate({ ...route, publicUrl: publicUrlOf(props.customDomain, route.source) }));
    this.restApi = this.createRestApi();
    const sendRole = this.createSendRole();
    // Everything that shapes the API: the deployment waits for it, and is replaced when it changes.
    const shapers = [sendRole.policy, ...this.createRoutes(sendRole), ...this.createGatewayResponses()];
    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: this.restApi.id,
      // A deployment is a snapshot: it must be replaced whenever what shapes the API changes.
      triggers: { redeployment: apiShapeHash(props, this.templates) },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: shapers,
    });
    this.stage = this.createStage(deployment);
    this.createThrottles();
    this.domainName = this.createCustomDomain();
    for (const route of props.routes) {
      this.endpoints[route.source] = publicUrlOf(props.customDomain, route.source) ?? `${this.stage.invokeUrl}/webhooks/${route.source}`;
    }
  }

  private createRestApi(): ApiGatewayRestApi {
    const restApi = new ApiGatewayRestApi(this, "api", {
      name: this.props.apiName,
      description: "Receives third-party webhooks and queues them for verification and processing",
      endpointConfiguration: { types: ["REGIONAL"] },
      binaryMediaTypes: BINARY_MEDIA_TYPES,
    });
    suppress(
      restApi,
      "CKV_AWS_237",
      "Senders hold this API's URL, and a replacement API has another: create-before-destroy would not keep them delivering. " +
        "A replacement is a migration (point senders at the new URL, or keep them on the custom domain), and npm run plan flags it.",
    );
    return restApi;
  }

  /** The role the integrations call SQS (and S3, for stored routes) with: send to the queue, put the bodies, nothing else. */
  private createSendRole(): ServiceRole {
    const { apiName, queueArn, kmsKeyArn, payloadBucket, region } = this.props;
    return new ServiceRole(this, "sqs-role", {
      roleName: `${apiName}-sqs`,
      service: "apigateway.amazonaws.com",
      statements: [
        { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn },
        ...(kmsKeyArn ? [keyUseStatement(kmsKeyArn, ["kms:GenerateDataKey", "kms:Decrypt"], "sqs", region)] : []),
        ...(payloadBucket ? [payloadBucket.writeStatement] : []),
        ...(payloadBucket && kmsKeyArn ? [keyUseStatement(kmsKeyArn, ["kms:GenerateDataKey"], "s3", region)] : []),
      ],
    });
  }

  /** `/webhooks`, the source-IP policy, and each source's route; returns what shapes the deployment. */
  private createRoutes(sendRole: ServiceRole): ITerraformDependable[] {
    const restApiId = this.restApi.id;
    // A body is checked only where its content type has a model; headers where they are required.
    const validator = new ApiGatewayRequestValidator(this, "validator", {
      restApiId,
      name: "body-and-headers",
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const webhooks = new ApiGatewayResource(this, "webhooks", { restApiId, parentId: this.restApi.rootResourceId, pathPart: "webhooks" });
    const shapers: ITerraformDependable[] = [];
    const allowlisted = this.props.routes.filter((route) => route.allowedSourceIps?.length);
    if (allowlisted.length > 0) shapers.push(this.sourceIpPolicy(allowlisted));
    for (const [i, route] of this.props.routes.entries()) {
      const resource = new ApiGatewayResource(this, `${route.source}-resource`, { restApiId, parentId: webhooks.id, pathPart: route.source });
      const handshake = this.handshakeMethods(route, resource);
      // A POST handshake shares the delivery route: every request of the source goes through the function.
      if (route.handshake === "POST") shapers.push(resource, ...handshake);
      else shapers.push(resource, ...this.createDeliveryMethod(route, resource, validator, sendRole, this.templates[i], handshake));
    }
    return shapers;
  }

  /**
   * A route's `POST`, validated, integrated with SQS (inline) or S3 (stored), with its answers;
   * returns what shapes the deployment, with the route's `handshake` methods in their place.
   */
  private createDeliveryMethod(
    route: WebhookRoute,
    resource: ApiGatewayResource,
    validator: ApiGatewayRequestValidator,
    sendRole: ServiceRole,
    template: string,
    handshake: readonly ITerraformDependable[],
  ): ITerraformDependable[] {
    const restApiId = this.restApi.id;
    // API Gateway validates only bodies whose content type has a model: forms pass to the handler.
    const model = route.contentTypes.includes(JSON_CONTENT)
      ? new ApiGatewayModel(this, `${route.source}-model`, {
          restApiId,
          name: modelName(route.source),
          contentType: JSON_CONTENT,
          schema: JSON.stringify(route.model),
        })
      : undefined;
    const stored = route.stored ? this.storedRequest(route) : undefined;
    const method = new ApiGatewayMethod(this, `${route.source}-post`, {
      restApiId,
      resourceId: resource.id,
      httpMethod: "POST",
      authorization: "NONE",
      requestValidatorId: validator.id,
      requestModels: model ? { [JSON_CONTENT]: model.name } : undefined,
      requestParameters: { ...Object.fromEntries((route.requiredHeaders ?? []).map((header) => [`method.request.header.${header}`, true])), ...stored?.methodParameters },
    });
    suppress(method, "CKV_AWS_59", SIGNED_BY_SENDER);
    this.routes[route.source] = { resource, method };
    const integration = new ApiGatewayIntegration(this, `${route.source}-integration`, {
      restApiId,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "AWS",
      credentials: sendRole.role.arn,
      ...(stored ? storedIntegration(stored) : this.inlineIntegration(route, template)),
    });
    return [method, integration, ...(model ? [model] : []), ...handshake, ...this.createAnswers(route, resource, method, integration)];
  }

  private storedRequest(route: WebhookRoute): StoredRequest {
    if (!this.props.payloadBucket) throw new Error(`WebhookApi: the ${route.source} route stores its bodies, and there is no payloadBucket`);
    return storedRequest(route, this.props.payloadBucket, this.props.region, publicUrlOf(this.props.customDomain, route.source));
  }

  /** An inline route's SQS SendMessage: the mapping template writes the envelope, raw body in base64. */
  private inlineIntegration(route: WebhookRoute, template: string) {
    // Partition and account come from the queue's ARN: no data source, so plans work offline.
    const queueArnParts = Fn.split(":", this.props.queueArn);
    return {
      integrationHttpMethod: "POST",
      uri: `arn:${Fn.element(queueArnParts, 1)}:apigateway:${this.props.region}:sqs:path/${Fn.element(queueArnParts, 4)}/${this.props.queueName}`,
      passthroughBehavior: "NEVER",
      contentHandling: CONVERT_TO_TEXT,
      requestParameters: {
        "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'",
        "integration.request.header.Accept": `'${JSON_CONTENT}'`,
      },
      // With passthrough NEVER, a content type without a template is refused with 415.
      requestTemplates: Object.fromEntries(route.contentTypes.map((contentType) => [contentType, template])),
    };
  }

  /** The method and integration responses that turn what SQS or S3 answered into the sender's answer. */
  private createAnswers(route: WebhookRoute, resource: ApiGatewayResource, method: ApiGatewayMethod, integration: ApiGatewayIntegration): ITerraformDependable[] {
    const restApiId = this.restApi.id;
    const methodResponse = (statusCode: string) =>
      new ApiGatewayMethodResponse(this, `${route.source}-${statusCode}`, { restApiId, resourceId: resource.id, httpMethod: method.httpMethod, statusCode });
    const answers: readonly IntegrationAnswer[] = route.stored ? STORE_RESPONSES : integrationResponses(route.maxBodyBytes ?? 0);
    // An inline route's 4xx integration response overrides its status to 413 for a message SQS finds too large.
    const shapers: ITerraformDependable[] = route.stored ? [] : [methodResponse(PAYLOAD_TOO_LARGE)];
    for (const answer of answers) {
      const response = methodResponse(answer.statusCode);
      const integrationResponse = new ApiGatewayIntegrationResponse(this, `${route.source}-${answer.statusCode}-integration`, {
        restApiId,
        resourceId: resource.id,
        httpMethod: method.httpMethod,
        statusCode: answer.statusCode,
        selectionPattern: answer.selectionPattern,
        contentHandling: CONVERT_TO_TEXT,
        responseTemplates: { [JSON_CONTENT]: answer.template },
        dependsOn: [integration, response],
      });
      shapers.push(response, integrationResponse);
    }
    return shapers;
  }

  private createGatewayResponses(): ApiGatewayGatewayResponse[] {
    return Object.entries(GATEWAY_RESPONSES).map(
      ([responseType, response]) =>
        new ApiGatewayGatewayResponse(this, `gateway-${responseType.toLowerCase()}`, {
          restApiId: this.restApi.id,
          responseType,
          statusCode: response.statusCode,
          responseTemplates: { [JSON_CONTENT]: response.template },
        }),
    );
  }

  /** The stage, with its access and execution logs (and the account's CloudWatch role, when managed here). */
  private createStage(deployment: ApiGatewayDeployment): ApiGatewayStage {
    const { apiName, stageName, logRetentionDays, kmsKeyArn } = this.props;
    const logs = { retentionDays: logRetentionDays, kmsKeyArn };
    const accessLogs = logGroup(this, "access-logs", { name: `/aws/apigateway/${apiName}/${stageName}/access`, ...logs });
    // API Gateway writes execution logs to this fixed name; created here so it has a retention.
    const executionLogs = logGroup(this, "execution-logs", { name: `API-Gateway-Execution-Logs_${this.restApi.id}/${stageName}`, ...logs });
    const stageDependencies: ITerraformDependable[] = [executionLogs];
    if (this.props.manageAccountCloudWatchRole) stageDependencies.push(this.accountCloudWatchRole(apiName));
    const stage = new ApiGatewayStage(this, "stage", {
      restApiId: this.restApi.id,
      deploymentId: deployment.id,
      stageName,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: stageDependencies,
    });
    suppress(stage, "CKV_AWS_120", NO_CACHE);
    suppress(
      stage,
      "CKV2_AWS_51",
      "Its integrations are SQS and Lambda, which API Gateway calls with SigV4-signed AWS requests. A client certificate authenticates API Gateway to an HTTP back end, and there is none.",
    );
    return stage;
  }

  /**
   * The stage's method settings: API Gateway applies a stage's throttle to each method on its own; a
   * route's settings replace the stage's for that method, so each repeats the rest of them.
   */
  private createThrottles(): void {
    const methodSettings = (throttle: RouteThrottle) => ({
      metricsEnabled: true,
      loggingLevel: this.props.loggingLevel,
      // Full request and response logging would write signatures and payloads to CloudWatch.
      dataTraceEnabled: false,
      throttlingRateLimit: throttle.rateLimit,
      throttlingBurstLimit: throttle.burstLimit,
    });
    const stageThrottle = { rateLimit: this.props.throttlingRateLimit, burstLimit: this.props.throttlingBurstLimit };
    const settings = (id: string, methodPath: string, throttle: RouteThrottle) =>
      new ApiGatewayMethodSettings(this, id, { restApiId: this.restApi.id, stageName: this.stage.stageName, methodPath, settings: methodSettings(throttle) });
    for (const setting of [
      settings("method-settings", "*/*", stageThrottle),
      ...this.props.routes.map((route) => settings(`${route.source}-method-settings`, `webhooks/${route.source}/POST`, route.throttle ?? stageThrottle)),
    ]) {
      suppress(setting, "CKV_AWS_225", NO_CACHE);
    }
  }

  private createCustomDomain(): ApiGatewayDomainName | undefined {
    const { customDomain } = this.props;
    if (!customDomain) return undefined;
    const domainName = new ApiGatewayDomainName(this, "domain", {
      domainName: customDomain.domainName,
      regionalCertificateArn: customDomain.certificateArn,
      endpointConfiguration: { types: ["REGIONAL"] },
      securityPolicy: "TLS_1_2",
    });
    new ApiGatewayBasePathMapping(this, "base-path", {
      apiId: this.restApi.id,
      stageName: this.stage.stageName,
      domainName: domainName.domainName,
      basePath: customDomain.basePath || undefined,
    });
    return domainName;
  }

  /** A route's handshake method, when it has one; a POST handshake's also becomes the route's method. */
  private handshakeMethods(route: WebhookRoute, resource: ApiGatewayResource): ITerraformDependable[] {
    if (!route.handshake) return [];
    if (!this.props.handshakeFunction) throw new Error(`WebhookApi: the ${route.source} route has a handshake, and there is no handshakeFunction`);
    return this.handshakeMethod(route, resource, route.handshake, this.props.handshakeFunction);
  }

  /**
   * The resource policy that lets each allowlisted route be called from its ranges only: a Deny
   * where `aws:SourceIp` is outside them, under an Allow of everything else (API Gateway refuses a
   * call no statement allows). A policy change takes effect with the next deployment, which the
   * routes' hash (holding the ranges) triggers.
   */
  private sourceIpPolicy(routes: readonly WebhookRoute[]): ApiGatewayRestApiPolicy {
    const invoke = (path: string) => `${this.restApi.executionArn}/${path}`;
    return new ApiGatewayRestApiPolicy(this, "source-ip-policy", {
      restApiId: this.restApi.id,
      policy: policyDocument([
        { Sid: "AnyoneMayCallTheWebhooks", Effect: "Allow", Principal: "*", Action: ["execute-api:Invoke"], Resource: invoke("*") },
        ...routes.map((route) => ({
          Sid: `${route.source.replace(/[^A-Za-z0-9]/g, "")}OnlyFromItsSender`,
          Effect: "Deny" as const,
          Principal: "*",
          Action: ["execute-api:Invoke"],
          Resource: invoke(`*/*/webhooks/${route.source}`),
          Condition: { NotIpAddress: { "aws:SourceIp": route.allowedSourceIps } },
        })),
      ]),
    });
  }

  /**
   * A method of the route integrated with the handshake function (Lambda proxy), which API Gateway
   * may invoke for this method and path only. No validator: a handshake need not look like a delivery.
   */
  private handshakeMethod(route: WebhookRoute, resource: ApiGatewayResource, httpMethod: "GET" | "POST", fn: NonNullable<WebhookApiProps["handshakeFunction"]>): ITerraformDependable[] {
    const id = `${route.source}-${httpMethod.toLowerCase()}`;
    const method = new ApiGatewayMethod(this, id, { restApiId: this.restApi.id, resourceId: resource.id, httpMethod, authorization: "NONE" });
    suppress(method, "CKV_AWS_59", SIGNED_BY_SENDER);
    suppress(
      method,
      "CKV2_AWS_53",
      "Its requests go whole to the handshake function, which checks a handshake against the source's secret (403 when it fails) and queues anything else for the validate step; " +
        "a handshake need not look like a delivery, so no model can describe it.",
    );
    if (httpMethod === "POST") this.routes[route.source] = { resource, method };
    const integration = new ApiGatewayIntegration(this, `${id}-integration`, {
      restApiId: this.restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "AWS_PROXY",
      integrationHttpMethod: "POST",
      uri: fn.invokeArn,
    });
    new LambdaPermission(this, `${id}-invoke`, {
      action: "lambda:InvokeFunction",
      functionName: fn.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${this.restApi.executionArn}/*/${httpMethod}/webhooks/${route.source}`,
    });
    return [method, integration];
  }

  /** The region-wide role API Gateway writes CloudWatch logs with. */
  private accountCloudWatchRole(apiName: string): ApiGatewayAccount {
    const role = new IamRole(this, "cloudwatch-role", {
      name: `${apiName}-cloudwatch`,
      assumeRolePolicy: assumeRolePolicy("apigateway.amazonaws.com"),
    });
    const partition = Token.asString(Fn.element(Fn.split(":", role.arn), 1));
    const attachment = new IamRolePolicyAttachment(this, "cloudwatch-role-policy", {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    return new ApiGatewayAccount(this, "account", { cloudwatchRoleArn: role.arn, dependsOn: [attachment] });
  }
}

/** Why the API's methods ask no identity of their callers. */
const SIGNED_BY_SENDER =
  "Senders are third parties that cannot present AWS credentials or an API key, and a REST API authorizer never sees the body their signatures cover. " +
  "Each delivery is authenticated by its signature in the validate step, and a forged one is quarantined, never processed. " +
  "At the edge: per-method throttles, request validation, and the optional WAF and source-IP allowlists.";

/** Why no response is ever cached. */
const NO_CACHE = "A cached answer would return 200 to a sender without queuing its delivery: every POST must reach SQS. Nothing here is a read worth caching.";

/** Model names are alphanumeric. */
function modelName(source: string): string {
  return `${source.replace(/[^A-Za-z0-9]/g, "")}Webhook`;
}

/** A source's URL under a custom domain, which senders are given; undefined without one. */
export function publicUrlOf(customDomain: WebhookCustomDomain | undefined, source: string): string | undefined {
  return customDomain ? `https://${[customDomain.domainName, customDomain.basePath, "webhooks", source].filter(Boolean).join("/")}` : undefined;
}

/** A hash of everything, known at synth, that shapes the deployed API. */
function apiShapeHash(props: WebhookApiProps, templates: readonly string[]): string {
  const shape = {
    // A route's throttle is a stage setting: changing it needs no new deployment.
    routes: props.routes.map(({ throttle: _, ...route }, i) => ({ ...route, template: templates[i] })),
    queueName: props.queueName,
    region: props.region,
    customDomain: props.customDomain,
    binaryMediaTypes: BINARY_MEDIA_TYPES,
    gatewayResponses: GATEWAY_RESPONSES,
    integrationResponses: integrationResponses(0),
    storeResponses: STORE_RESPONSES,
  };
  return createHash("sha256").update(JSON.stringify(shape)).digest("hex");
}

/** A stored route's integration: no template, so the body reaches S3 as the exact bytes received, whatever its type. */
function storedIntegration(stored: StoredRequest) {
  return { integrationHttpMethod: "PUT", uri: stored.uri, passthroughBehavior: "WHEN_NO_TEMPLATES", requestParameters: stored.integrationParameters };
}
