import { randomUUID } from "node:crypto";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import { mediaType } from "../delivery/payload";
import { renderGatewayResponseTemplate, renderRequestTemplate, renderResponseTemplate } from "./api-gateway-vtl";

/** One `POST` method of the REST API, as its synthesized resources configure it. */
export interface RestApiRoute {
  /** The resource path, such as `/webhooks/github`. */
  readonly path: string;
  readonly httpMethod: string;
  /** Draft-04 models by content type, checked when the method's validator validates bodies. */
  readonly models: Readonly<Record<string, object>>;
  readonly validateBody: boolean;
  /** Headers the method requires, checked when its validator validates request parameters. @default none */
  readonly requiredHeaders?: readonly string[];
  readonly validateParameters?: boolean;
  /** Request mapping templates by content type. */
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly passthroughBehavior: string;
  /** The integration's conversion of the request body (`CONVERT_TO_TEXT`, `CONVERT_TO_BINARY`). @default none */
  readonly contentHandling?: string;
  /** The queue the SQS integration sends to ("" for a Lambda proxy integration). */
  readonly queueName: string;
  /** For a Lambda proxy integration (a sender's handshake), the function's id in the stack. @default none */
  readonly proxyFunctionId?: string;
  /**
   * For an S3 integration (a stored route), the object's path as the integration URI gives it,
   * `<bucket>/<prefix>/{key}` (references unresolved), and the integration's parameter mappings. @default none
   */
  readonly s3?: { readonly path: string; readonly parameters: Readonly<Record<string, string>> };
  readonly integrationResponses: readonly {
    readonly statusCode: string;
    readonly selectionPattern?: string;
    readonly template?: string;
    /** The response body's conversion. @default none */
    readonly contentHandling?: string;
  }[];
  /** This method's throttle: API Gateway keeps a token bucket per method. @default none */
  readonly throttle?: Throttle;
}

/** Steady requests per second, and the burst above them. */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The REST API and its stage, as the synthesized Terraform JSON describes them. */
export interface RestApiDescription {
  readonly stageName: string;
  readonly routes: readonly RestApiRoute[];
  /** Gateway responses by type (`BAD_REQUEST_BODY`, `DEFAULT_4XX`...). */
  readonly gatewayResponses: Readonly<Record<string, { readonly statusCode?: string; readonly template?: string }>>;
  /** Media types (wildcards allowed) the API treats as binary, for requests by Content-Type, for responses by Accept. @default none */
  readonly binaryMediaTypes?: readonly string[];
}

/** An HTTP request as it arrives. */
export interface HttpRequest {
  readonly method: string;
  /** Path and query string, as on the request line. */
  readonly url: string;
  /** Header names and values in the order sent, as Node's `rawHeaders` gives them. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What the SQS integration answered: its status and body. */
export type SendToQueue = (queueName: string, form: string) => { status: number; body: string };

/** What the S3 integration answered to a PutObject of `path` (its references unresolved): its status and body. */
export type PutObject = (path: string, body: Buffer, headers: Readonly<Record<string, string>>) => { status: number; body: string };

/** What happened to a request, for the terminal. */
export interface ApiOutcome {
  readonly route?: string;
  readonly status: number;
  /** The gateway error that answered, if one did. */
  readonly error?: string;
  /** The message id SQS gave the delivery, if it was queued. */
  readonly messageId?: string;
  /** The API request id of a delivery a stored route stored; S3's notification queues it. */
  readonly storedRequestId?: string;
}

/** API Gateway's REST payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** The status each gateway response type has unless the API sets another. */
const DEFAULT_STATUS: Record<string, number> = {
  MISSING_AUTHENTICATION_TOKEN: 403,
  THROTTLED: 429,
  REQUEST_TOO_LARGE: 413,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DEFAULT_5XX: 500,
};

/** API Gateway's own answer when no gateway response template is set. */
const DEFAULT_GATEWAY_TEMPLATE = `{"message":$context.error.messageString}`;

/**
 * API Gateway's REST API, locally, in the order AWS applies its steps: route and method, the
 * method's throttle, payload limit, the request validator (required headers; draft-04 models, by
 * ajv), the mapping template for the request's content type (velocityjs with API Gateway's
 * `$input`, `$util`, `$context`) given the body as the content type conversions make it, the SQS
 * integration, then the integration response whose selection pattern matches SQS's status.
 * Errors the API itself raises are answered with the stage's gateway responses.
 */
export class LocalRestApi {
  private readonly ajv = new Ajv({ allErrors: true });
  private readonly validators = new Map<object, ValidateFunction>();
  private readonly buckets = new Map<RestApiRoute, TokenBucket>();

  constructor(
    readonly description: RestApiDescription,
    private readonly sendToQueue: SendToQueue,
    private readonly putObject: PutObject = () => ({ status: 500, body: "" }),
  ) {
    for (const route of description.routes) if (route.throttle) this.buckets.set(route, new TokenBucket(route.throttle));
  }

  /**
   * For a method integrated with a function (Lambda proxy: a sender's handshake), that function and
   * the event API Gateway hands it; undefined for any other request, which `handle` answers.
   */
  proxy(request: HttpRequest): { functionId: string; route: string; event: object } | undefined {
    const url = new URL(request.url, "http://localhost");
    const { stageName } = this.description;
    const route = url.pathname.startsWith(`/${stageName}/`)
      ? this.description.routes.find((r) => r.path === url.pathname.slice(stageName.length + 1) && r.httpMethod === request.method && r.proxyFunctionId)
      : undefined;
    if (!route?.proxyFunctionId) return undefined;
    const headers = headerMap(request.rawHeaders);
    const query = Object.fromEntries(url.searchParams);
    const event = {
      httpMethod: request.method,
      resource: route.path,
      path: route.path,
      headers,
      queryStringParameters: Object.keys(query).length > 0 ? query : null,
      // Every body is binary to this API (`*/*`): the function gets base64 of the exact bytes.
      body: request.body.toString("base64"),
      isBase64Encoded: true,
      requestContext: {
        requestId: randomUUID(),
        requestTimeEpoch: Date.now(),
        path: url.pathname,
        domainName: headers[Object.keys(headers).find((name) => name.toLowerCase() === "host") ?? ""] ?? "localhost",
        identity: { sourceIp: request.sourceIp },
      },
    };
    return { functionId: route.proxyFunctionId, route: route.path, event };
  }

  handle(request: HttpRequest): { response: HttpResponse; outcome: ApiOutcome } {
    const requestId = randomUUID();
    const requestTimeEpoch = Date.now();
    const url = new URL(request.url, "http://localhost");
    const { stageName } = this.description;
    const route = url.pathname.startsWith(`/${stageName}/`)
      ? this.description.routes.find((r) => r.path === url.pathname.slice(stageName.length + 1) && r.httpMethod === request.method)
      : undefined;
    const fail = (type: string, message: string, validationErrorString?: string) => this.gatewayResponse(type, { requestId, message, validationErrorString }, route?.path);
    if (!route) return fail("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
    if (this.buckets.get(route)?.take() === false) return fail("THROTTLED", "Too Many Requests");
    if (request.body.length > MAX_PAYLOAD_BYTES) return fail("REQUEST_TOO_LARGE", "Request Too Long");

    const headers = headerMap(request.rawHeaders);
    const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (route.validateParameters) {
      const missing = (route.requiredHeaders ?? []).filter((name) => (header(name) ?? "").trim() === "");
      if (missing.length > 0) return fail("BAD_REQUEST_PARAMETERS", `Missing required request parameters: [${missing.join(", ")}]`);
    }
    // Without a Content-Type, API Gateway takes the body as JSON; parameters (charset) do not select.
    const contentType = mediaType(header("content-type") ?? "application/json");
    const body = request.body.toString("utf8");
    const model = route.models[contentType];
    if (route.validateBody && model) {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return fail("BAD_REQUEST_BODY", "Invalid request body", "[Invalid JSON in the request body]");
      }
      const validate = this.validatorFor(model);
      if (!validate(json)) return fail("BAD_REQUEST_BODY", "Invalid request body", validationErrorString(validate.errors ?? []));
    }
    const context = {
      requestId,
      requestTimeEpoch,
      sourceIp: request.sourceIp,
      domainName: headers[Object.keys(headers).find((name) => name.toLowerCase() === "host") ?? ""] ?? "localhost",
      path: url.pathname,
    };
    if (route.s3) return this.store(route, request.body, header, context);
    const template = route.requestTemplates[contentType];
    if (template === undefined && route.passthroughBehavior !== "WHEN_NO_MATCH") return fail("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type");

    const binary = matchesMediaType(contentType, this.description.binaryMediaTypes);
    if (binary && route.contentHandling !== "CONVERT_TO_TEXT") {
      return fail("DEFAULT_5XX", "Internal server error: the local twin passes binary bodies to a template only as CONVERT_TO_TEXT does");
    }
    let form: string;
    try {
      form = renderRequestTemplate(template ?? "$input.body", {
        // The content type conversions: binary converted to text is base64 of the exact bytes;
        // text is what API Gateway decoded as UTF-8, anything not UTF-8 replaced.
        body: binary ? request.body.toString("base64") : body,
        headers,
        ...context,
        query: Object.fromEntries(url.searchParams),
      });
    } catch (error) {
      return fail("DEFAULT_5XX", `Internal server error: the request template failed (${(error as Error).message})`);
    }
    const integration = this.sendToQueue(route.queueName, form);
    const messageId = integration.status < 300 ? JSON.parse(integration.body).SendMessageResponse?.SendMessageResult?.MessageId : undefined;
    return this.integrationResponse(route, integration, requestId, header, { route: route.path, messageId });
  }

  /**
   * A stored route's S3 integration: the body passes through untouched, the integration's parameter
   * mappings give the object its key and headers (`context.*`, `method.request.header.*`, quoted
   * literals; a header the request lacks maps to nothing), and S3's answer selects the response.
   */
  private store(route: RestApiRoute, body: Buffer, header: (name: string) => string | undefined, context: Record<string, string | number>) {
    const contextValue = (name: string) => (name === "identity.sourceIp" ? context.sourceIp : context[name]);
    const value = (expression: string): string | undefined => {
      if (/^'.*'$/s.test(expression)) return expression.slice(1, -1);
      if (expression.startsWith("context.")) return String(contextValue(expression.slice("context.".length)) ?? "");
      if (expression.startsWith("method.request.header.")) return header(expression.slice("method.request.header.".length));
      throw new Error(`the local twin maps no ${expression}`);
    };
    const mapped = Object.entries(route.s3!.parameters).flatMap(([target, expression]) => {
      const found = value(expression);
      return found === undefined ? [] : [[target, found] as const];
    });
    const pathParameters = Object.fromEntries(mapped.filter(([target]) => target.startsWith("integration.request.path.")).map(([t, v]) => [t.slice("integration.request.path.".length), v]));
    const headers = Object.fromEntries(mapped.filter(([target]) => target.startsWith("integration.request.header.")).map(([t, v]) => [t.slice("integration.request.header.".length).toLowerCase(), v]));
    const path = route.s3!.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(pathParameters[name] ?? ""));
    const integration = this.putObject(path, body, headers);
    const requestId = String(context.requestId);
    return this.integrationResponse(route, integration, requestId, header, { route: route.path, ...(integration.status < 300 ? { storedRequestId: requestId } : {}) });
  }

  /** The integration response whose selection pattern matches the integration's status, rendered for the sender. */
  private integrationResponse(route: RestApiRoute, integration: { status: number; body: string }, requestId: string, header: (name: string) => string | undefined, outcome: Omit<ApiOutcome, "status">) {
    const fail = (type: string, message: string) => this.gatewayResponse(type, { requestId, message }, route.path);
    const selected =
      route.integrationResponses.find((r) => r.selectionPattern !== undefined && new RegExp(`^(?:${r.selectionPattern})$`).test(String(integration.status))) ??
      route.integrationResponses.find((r) => r.selectionPattern === undefined);
    if (!selected) return fail("DEFAULT_5XX", "Internal server error");
    const rendered = renderResponseTemplate(selected.template ?? "$input.body", integration.body, requestId);
    const status = rendered.status ?? Number(selected.statusCode);
    // Text for a sender whose Accept is a binary media type, left unconverted, is base64-decoded.
    const accept = header("accept");
    const decoded = accept !== undefined && matchesMediaType(mediaType(accept.split(",")[0]), this.description.binaryMediaTypes) && !selected.contentHandling;
    const answer = decoded ? Buffer.from(rendered.body, "base64").toString("latin1") : rendered.body;
    return { response: jsonResponse(status, answer, requestId), outcome: { ...outcome, status } };
  }

  private gatewayResponse(type: string, error: { requestId: string; message: string; validationErrorString?: string }, route?: string) {
    const fallback = (DEFAULT_STATUS[type] ?? 500) < 500 ? "DEFAULT_4XX" : "DEFAULT_5XX";
    const specific = this.description.gatewayResponses[type];
    const general = this.description.gatewayResponses[fallback];
    const status = Number(specific?.statusCode ?? DEFAULT_STATUS[type] ?? 500);
    const template = specific?.template ?? general?.template ?? DEFAULT_GATEWAY_TEMPLATE;
    const body = renderGatewayResponseTemplate(template, error);
    return { response: jsonResponse(status, body, error.requestId), outcome: { route, status, error: error.validationErrorString ?? error.message } };
  }

  private validatorFor(model: object): ValidateFunction {
    let validate = this.validators.get(model);
    if (!validate) this.validators.set(model, (validate = this.ajv.compile(model)));
    return validate;
  }

}

/** A token bucket: `burstLimit` deep, refilled at `rateLimit` per second. */
class TokenBucket {
  private tokens: number;
  private refilledAt = Date.now();

  constructor(private readonly throttle: Throttle) {
    this.tokens = throttle.burstLimit;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.throttle.burstLimit, this.tokens + ((now - this.refilledAt) / 1000) * this.throttle.rateLimit);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

/** Whether a media type matches any of the patterns: an exact type, a type with any subtype, or anything. */
function matchesMediaType(type: string, patterns: readonly string[] = []): boolean {
  const [major, subtype] = type.split("/");
  return patterns.some((pattern) => {
    const [patternType, patternSubtype] = pattern.toLowerCase().split("/");
    return (patternType === "*" || patternType === major) && (patternSubtype === "*" || patternSubtype === subtype);
  });
}

/** Headers by the name the sender wrote; of a repeated header, the last value. */
function headerMap(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const existing = Object.keys(headers).find((name) => name.toLowerCase() === rawHeaders[i].toLowerCase());
    if (existing) delete headers[existing];
    headers[rawHeaders[i]] = rawHeaders[i + 1];
  }
  return headers;
}

/** The validator's findings as one line, escaped to sit inside a JSON string as the template places it. */
function validationErrorString(errors: readonly ErrorObject[]): string {
  const findings = errors.map((error) => `${error.instancePath || "(root)"}: ${error.message}${error.params && "additionalProperty" in error.params ? ` (${error.params.additionalProperty})` : ""}`);
  return JSON.stringify(`[${findings.join(", ")}]`).slice(1, -1);
}

function jsonResponse(status: number, body: string, requestId: string): HttpResponse {
  return { status, headers: { "content-type": "application/json", "x-amzn-requestid": requestId }, body };
}
