import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
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
import type { ITerraformDependable } from "cdktf";
import { JSON_CONTENT, type ContentType } from "../delivery/payload";
import type { Draft04Schema } from "../schemas/api-gateway-model";
import { assumeRolePolicy, keyUseStatement, policyDocument, type PolicyStatement } from "./iam";
import { logGroup } from "./log-group";
import { suppress } from "./rules";
import { ServiceRole } from "./service-role";
import {
  PAYLOAD_TOO_LARGE,
  SEND_MESSAGE_FAILED_TEMPLATE,
  SEND_MESSAGE_RESPONSE_TEMPLATE,
  sendMessageRefusedTemplate,
  sendMessageTemplate,
} from "./sqs-mapping-template";
import { headerMetadataKey, STORED_METADATA } from "../delivery/stored-delivery";

/** One webhook source's route: `POST /webhooks/{source}`. */
export interface WebhookRoute {
  /** The source's name: the last path segment. */
  readonly source: string;
  /** Draft-04 model every JSON body must match. */
  readonly model: Draft04Schema;
  /** Content types the route accepts; any other gets 415. Only JSON bodies are checked by the model. */
  readonly contentTypes: readonly ContentType[];
  /** Headers forwarded in the envelope (those the source's verification reads). */
  readonly headers: readonly string[];
  /**
   * Headers without which a request cannot be genuine (the signature, or the credentials): a request
   * lacking one is answered 400 by API Gateway itself, never queued. @default none
   */
  readonly requiredHeaders?: readonly string[];
  /** Header carrying the sender's delivery id. @default the API request id stands in */
  readonly deliveryIdHeader?: string;
  /** This route's own throttle. @default the stage's (throttlingRateLimit, throttlingBurstLimit) */
  readonly throttle?: RouteThrottle;
  /**
   * The method of the sender's handshake, answered by `handshakeFunction`: a GET gets a method of
   * its own; a POST shares the delivery route, so every request of the source goes through the
   * function, which queues what is not a handshake. @default none
   */
  readonly handshake?: "GET" | "POST";
  /** CIDR ranges the route accepts requests from; API Gateway refuses others with 403. @default any address */
  readonly allowedSourceIps?: readonly string[];
  /**
   * Store every body in the payload bucket (S3 integration) instead of sending it to the queue
   * inline: for bodies larger than a queue message. @default false
   */
  readonly stored?: boolean;
  /** The largest body an inline route accepts, in bytes, as its 413 answer names it. @default what the queue takes */
  readonly maxBodyBytes?: number;
}

/** A throttle on one route: API Gateway keeps a token bucket per method. */
export interface RouteThrottle {
  /** Steady requests per second. */
  readonly rateLimit: number;
  /** Requests absorbed at once above the rate. */
  readonly burstLimit: number;
}

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

const ERROR_BODY = `{"message":$context.error.messageString,"requestId":"$context.requestId"}`;

/** Gateway responses: every error the API itself produces is JSON and says what went wrong. */
const GATEWAY_RESPONSES: Record<string, { statusCode?: string; template: string }> = {
  BAD_REQUEST_BODY: {
    statusCode: "400",
    template: `{"message":"The body does not match the source's schema","errors":"$context.error.validationErrorString","requestId":"$context.requestId"}`,
  },
  BAD_REQUEST_PARAMETERS: { statusCode: "400", template: ERROR_BODY },
  REQUEST_TOO_LARGE: {
    statusCode: PAYLOAD_TOO_LARGE,
    template: `{"message":"The delivery is larger than the ${10 * 1024 * 1024} bytes API Gateway accepts","requestId":"$context.requestId"}`,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    statusCode: "415",
    template: `{"message":"Unsupported Content-Type for this webhook source","requestId":"$context.requestId"}`,
  },
  DEFAULT_4XX: { template: ERROR_BODY },
  DEFAULT_5XX: { template: ERROR_BODY },
};

/**
 * How SQS answers map to the sender's: 200 with the message id only when SQS accepted the message.
 * A SQS 4xx is our fault (permissions, encryption), so the sender gets 500 and retries, except for
 * a message too large for the queue, which gets 413. A 5xx is SQS's: 503, retry. Anything
 * unmatched is a 500 too.
 */
const integrationResponses = (maxBodyBytes: number) =>
  [
    { statusCode: "200", selectionPattern: "2\\d{2}", template: SEND_MESSAGE_RESPONSE_TEMPLATE },
    { statusCode: "500", selectionPattern: "4\\d{2}", template: sendMessageRefusedTemplate(maxBodyBytes) },
    { statusCode: "503", selectionPattern: "5\\d{2}", template: SEND_MESSAGE_FAILED_TEMPLATE },
  ] as const;

/** The answer when a stored route could not store the body: the sender retries. */
const STORE_FAILED_TEMPLATE = `{"message":"The delivery could not be stored; retry later","requestId":"$context.requestId"}`;

/**
 * How S3 answers map to the sender's on a stored route: 200 once S3 has the body, its request id
 * the delivery's; any S3 4xx is our fault (permissions, encryption) and any 5xx S3's, both retried.
 */
const STORE_RESPONSES = [
  { statusCode: "200", selectionPattern: "2\\d{2}", template: `{"requestId":"$context.requestId","stored":true}` },
  { statusCode: "500", selectionPattern: "4\\d{2}", template: STORE_FAILED_TEMPLATE },
  { statusCode: "503", selectionPattern: "5\\d{2}", template: STORE_FAILED_TEMPLATE },
] as const;

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

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    if (Token.isUnresolved(props.queueName)) {
      // A token would hash as its placeholder: a renamed queue would then never be redeployed.
      throw new Error("WebhookApi: queueName must be a literal known at synth, not a token");
    }
    const publicUrl = (source: string) => publicUrlOf(props.customDomain, source);
    const templates = props.routes.map((route) => sendMessageTemplate({ ...route, publicUrl: publicUrl(route.source) }));
    this.restApi = new ApiGatewayRestApi(this, "api", {
      name: props.apiName,
      description: "Receives third-party webhooks and queues them for verification and processing",
      endpointConfiguration: { types: ["REGIONAL"] },
      binaryMediaTypes: BINARY_MEDIA_TYPES,
    });
    suppress(
      this.restApi,
      "CKV_AWS_237",
      "Senders hold this API's URL, and a replacement API has another: create-before-destroy would not keep them delivering. " +
        "A replacement is a migration (point senders at the new URL, or keep them on the custom domain), and npm run plan flags it.",
    );
    const restApiId = this.restApi.id;

    const sendRole = new ServiceRole(this, "sqs-role", {
      roleName: `${props.apiName}-sqs`,
      service: "apigateway.amazonaws.com",
      statements: [
        { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: props.queueArn },
        ...(props.kmsKeyArn ? [keyUseStatement(props.kmsKeyArn, ["kms:GenerateDataKey", "kms:Decrypt"], "sqs", props.region)] : []),
        ...(props.payloadBucket ? [props.payloadBucket.writeStatement] : []),
        ...(props.payloadBucket && props.kmsKeyArn ? [keyUseStatement(props.kmsKeyArn, ["kms:GenerateDataKey"], "s3", props.region)] : []),
      ],
    });
    // Partition and account come from the queue's ARN: no data source, so plans work offline.
    const queueArnParts = Fn.split(":", props.queueArn);
    const sqsUri = `arn:${Fn.element(queueArnParts, 1)}:apigateway:${props.region}:sqs:path/${Fn.element(queueArnParts, 4)}/${props.queueName}`;

    // A body is checked only where its content type has a model; headers where they are required.
    const validator = new ApiGatewayRequestValidator(this, "validator", {
      restApiId,
      name: "body-and-headers",
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const webhooks = new ApiGatewayResource(this, "webhooks", { restApiId, parentId: this.restApi.rootResourceId, pathPart: "webhooks" });

    const shapers: ITerraformDependable[] = [sendRole.policy];
    const allowlisted = props.routes.filter((route) => route.allowedSourceIps?.length);
    if (allowlisted.length > 0) shapers.push(this.sourceIpPolicy(allowlisted));
    for (const [i, route] of props.routes.entries()) {
      const resource = new ApiGatewayResource(this, `${route.source}-resource`, { restApiId, parentId: webhooks.id, pathPart: route.source });
      if (route.handshake && !props.handshakeFunction) throw new Error(`WebhookApi: the ${route.source} route has a handshake, and there is no handshakeFunction`);
      const handshake = route.handshake ? this.handshakeMethod(route, resource, route.handshake, props.handshakeFunction!) : [];
      // A POST handshake shares the delivery route: every request of the source goes through the function.
      if (route.handshake === "POST") {
        shapers.push(resource, ...handshake);
        continue;
      }
      // API Gateway validates only bodies whose content type has a model: forms pass to the handler.
      const model = route.contentTypes.includes(JSON_CONTENT)
        ? new ApiGatewayModel(this, `${route.source}-model`, {
            restApiId,
            name: modelName(route.source),
            contentType: JSON_CONTENT,
            schema: JSON.stringify(route.model),
          })
        : undefined;
      const stored = route.stored ? this.storedRequest(route, props) : undefined;
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
        ...(stored
          ? // No template: the body reaches S3 as the exact bytes received, whatever its type.
            { integrationHttpMethod: "PUT", uri: stored.uri, passthroughBehavior: "WHEN_NO_TEMPLATES", requestParameters: stored.integrationParameters }
          : {
              integrationHttpMethod: "POST",
              uri: sqsUri,
              passthroughBehavior: "NEVER",
              contentHandling: CONVERT_TO_TEXT,
              requestParameters: {
                "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'",
                "integration.request.header.Accept": `'${JSON_CONTENT}'`,
              },
              // With passthrough NEVER, a content type without a template is refused with 415.
              requestTemplates: Object.fromEntries(route.contentTypes.map((contentType) => [contentType, templates[i]])),
            }),
      });
      shapers.push(resource, method, integration, ...(model ? [model] : []), ...handshake);
      const responses = stored ? STORE_RESPONSES : integrationResponses(route.maxBodyBytes ?? 0);
      // An inline route's 4xx integration response overrides its status to 413 for a message SQS finds too large.
      const statuses = stored ? [] : [PAYLOAD_TOO_LARGE];
      for (const statusCode of statuses) {
        shapers.push(new ApiGatewayMethodResponse(this, `${route.source}-${statusCode}`, { restApiId, resourceId: resource.id, httpMethod: method.httpMethod, statusCode }));
      }
      for (const response of responses) {
        const methodResponse = new ApiGatewayMethodResponse(this, `${route.source}-${response.statusCode}`, {
          restApiId,
          resourceId: resource.id,
          httpMethod: method.httpMethod,
          statusCode: response.statusCode,
        });
        const integrationResponse = new ApiGatewayIntegrationResponse(this, `${route.source}-${response.statusCode}-integration`, {
          restApiId,
          resourceId: resource.id,
          httpMethod: method.httpMethod,
          statusCode: response.statusCode,
          selectionPattern: response.selectionPattern,
          contentHandling: CONVERT_TO_TEXT,
          responseTemplates: { [JSON_CONTENT]: response.template },
          dependsOn: [integration, methodResponse],
        });
        shapers.push(methodResponse, integrationResponse);
      }
    }
    for (const [responseType, response] of Object.entries(GATEWAY_RESPONSES)) {
      shapers.push(
        new ApiGatewayGatewayResponse(this, `gateway-${responseType.toLowerCase()}`, {
          restApiId,
          responseType,
          statusCode: response.statusCode,
          responseTemplates: { [JSON_CONTENT]: response.template },
        }),
      );
    }

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId,
      // A deployment is a snapshot: it must be replaced whenever what shapes the API changes.
      triggers: { redeployment: apiShapeHash(props, templates) },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: shapers,
    });

    const logs = { retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn };
    const accessLogs = logGroup(this, "access-logs", { name: `/aws/apigateway/${props.apiName}/${props.stageName}/access`, ...logs });
    // API Gateway writes execution logs to this fixed name; created here so it has a retention.
    const executionLogs = logGroup(this, "execution-logs", { name: `API-Gateway-Execution-Logs_${restApiId}/${props.stageName}`, ...logs });
    const stageDependencies: ITerraformDependable[] = [executionLogs];
    if (props.manageAccountCloudWatchRole) stageDependencies.push(this.accountCloudWatchRole(props.apiName));

    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId,
      deploymentId: deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: stageDependencies,
    });
    suppress(this.stage, "CKV_AWS_120", NO_CACHE);
    suppress(
      this.stage,
      "CKV2_AWS_51",
      "Its integrations are SQS and Lambda, which API Gateway calls with SigV4-signed AWS requests. A client certificate authenticates API Gateway to an HTTP back end, and there is none.",
    );
    // API Gateway applies a stage's throttle to each method on its own; a route's settings replace
    // the stage's for that method, so each repeats the rest of them.
    const methodSettings = (throttle: RouteThrottle) => ({
      metricsEnabled: true,
      loggingLevel: props.loggingLevel,
      // Full request and response logging would write signatures and payloads to CloudWatch.
      dataTraceEnabled: false,
      throttlingRateLimit: throttle.rateLimit,
      throttlingBurstLimit: throttle.burstLimit,
    });
    const stageThrottle = { rateLimit: props.throttlingRateLimit, burstLimit: props.throttlingBurstLimit };
    const settings = [
      new ApiGatewayMethodSettings(this, "method-settings", {
        restApiId,
        stageName: this.stage.stageName,
        methodPath: "*/*",
        settings: methodSettings(stageThrottle),
      }),
      ...props.routes.map(
        (route) =>
          new ApiGatewayMethodSettings(this, `${route.source}-method-settings`, {
            restApiId,
            stageName: this.stage.stageName,
            methodPath: `webhooks/${route.source}/POST`,
            settings: methodSettings(route.throttle ?? stageThrottle),
          }),
      ),
    ];
    for (const setting of settings) suppress(setting, "CKV_AWS_225", NO_CACHE);
    if (props.customDomain) {
      this.domainName = new ApiGatewayDomainName(this, "domain", {
        domainName: props.customDomain.domainName,
        regionalCertificateArn: props.customDomain.certificateArn,
        endpointConfiguration: { types: ["REGIONAL"] },
        securityPolicy: "TLS_1_2",
      });
      new ApiGatewayBasePathMapping(this, "base-path", {
        apiId: restApiId,
        stageName: this.stage.stageName,
        domainName: this.domainName.domainName,
        basePath: props.customDomain.basePath || undefined,
      });
    }
    for (const route of props.routes) {
      this.endpoints[route.source] = publicUrl(route.source) ?? `${this.stage.invokeUrl}/webhooks/${route.source}`;
    }
  }

  /**
   * A stored route's S3 PutObject: the object `<source>/<request id>` in the payload bucket, with
   * the request's details and the source's forwarded headers as its metadata (delivery/stored-delivery.ts
   * reads them back). Every header it maps is declared on the method, required or not.
   */
  private storedRequest(route: WebhookRoute, props: WebhookApiProps) {
    if (!props.payloadBucket) throw new Error(`WebhookApi: the ${route.source} route stores its bodies, and there is no payloadBucket`);
    // The partition from the bucket's ARN (`arn:<partition>:s3:::<name>`): the route refers to nothing but its bucket.
    const partition = Fn.element(Fn.split(":", props.payloadBucket.bucketArn), 1);
    const meta = (key: string) => `integration.request.header.x-amz-meta-${key}`;
    const headers = [...new Set([...route.headers, ...(route.deliveryIdHeader ? [route.deliveryIdHeader] : []), "Content-Type"])];
    const publicUrl = publicUrlOf(props.customDomain, route.source);
    return {
      uri: `arn:${partition}:apigateway:${props.region}:s3:path/${props.payloadBucket.bucketName}/${route.source}/{key}`,
      methodParameters: Object.fromEntries(headers.filter((h) => !(route.requiredHeaders ?? []).includes(h)).map((h) => [`method.request.header.${h}`, false])),
      integrationParameters: {
        "integration.request.path.key": "context.requestId",
        "integration.request.header.Content-Type": "method.request.header.Content-Type",
        [meta(STORED_METADATA.requestId)]: "context.requestId",
        [meta(STORED_METADATA.receivedAt)]: "context.requestTimeEpoch",
        [meta(STORED_METADATA.sourceIp)]: "context.identity.sourceIp",
        ...(publicUrl ? { [meta(STORED_METADATA.publicUrl)]: `'${publicUrl}'` } : { [meta(STORED_METADATA.domain)]: "context.domainName", [meta(STORED_METADATA.path)]: "context.path" }),
        ...(route.deliveryIdHeader ? { [meta(STORED_METADATA.deliveryId)]: `method.request.header.${route.deliveryIdHeader}` } : {}),
        ...Object.fromEntries(route.headers.map((h) => [meta(headerMetadataKey(h)), `method.request.header.${h}`])),
      },
    };
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
    const partition = Fn.element(Fn.split(":", role.arn), 1);
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

/** A hash of everything, known at synth, that shapes the deployed API. */
/** A source's URL under a custom domain, which senders are given; undefined without one. */
export function publicUrlOf(customDomain: WebhookCustomDomain | undefined, source: string): string | undefined {
  return customDomain ? `https://${[customDomain.domainName, customDomain.basePath, "webhooks", source].filter(Boolean).join("/")}` : undefined;
}

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
