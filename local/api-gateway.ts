import { randomUUID } from "node:crypto";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import { renderGatewayResponseTemplate, renderRequestTemplate, renderResponseTemplate } from "./api-gateway-vtl";

/** One `POST` method of the REST API, as its synthesized resources configure it. */
export interface RestApiRoute {
  /** The resource path, such as `/webhooks/github`. */
  readonly path: string;
  readonly httpMethod: string;
  /** Draft-04 models by content type, checked when the method's validator validates bodies. */
  readonly models: Readonly<Record<string, object>>;
  readonly validateBody: boolean;
  /** Request mapping templates by content type. */
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly passthroughBehavior: string;
  /** The queue the SQS integration sends to. */
  readonly queueName: string;
  readonly integrationResponses: readonly { readonly statusCode: string; readonly selectionPattern?: string; readonly template?: string }[];
}

/** The REST API and its stage, as the synthesized Terraform JSON describes them. */
export interface RestApiDescription {
  readonly stageName: string;
  readonly routes: readonly RestApiRoute[];
  /** Gateway responses by type (`BAD_REQUEST_BODY`, `DEFAULT_4XX`...). */
  readonly gatewayResponses: Readonly<Record<string, { readonly statusCode?: string; readonly template?: string }>>;
  /** Stage throttling: steady requests per second, and the burst above it. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
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

/** What happened to a request, for the terminal. */
export interface ApiOutcome {
  readonly route?: string;
  readonly status: number;
  /** The gateway error that answered, if one did. */
  readonly error?: string;
  /** The message id SQS gave the delivery, if it was queued. */
  readonly messageId?: string;
}

/** API Gateway's REST payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** The status each gateway response type has unless the API sets another. */
const DEFAULT_STATUS: Record<string, number> = {
  MISSING_AUTHENTICATION_TOKEN: 403,
  THROTTLED: 429,
  REQUEST_TOO_LARGE: 413,
  BAD_REQUEST_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DEFAULT_5XX: 500,
};

/** API Gateway's own answer when no gateway response template is set. */
const DEFAULT_GATEWAY_TEMPLATE = `{"message":$context.error.messageString}`;

/**
 * API Gateway's REST API, locally, in the order AWS applies its steps: route and method, stage
 * throttling, payload limit, the request validator (draft-04 models, by ajv), the mapping template
 * for the request's content type (velocityjs with API Gateway's `$input`, `$util`, `$context`), the
 * SQS integration, then the integration response whose selection pattern matches SQS's status.
 * Errors the API itself raises are answered with the stage's gateway responses.
 */
export class LocalRestApi {
  private readonly ajv = new Ajv({ allErrors: true });
  private readonly validators = new Map<object, ValidateFunction>();
  private tokens: number;
  private refilledAt = Date.now();

  constructor(
    readonly description: RestApiDescription,
    private readonly sendToQueue: SendToQueue,
  ) {
    this.tokens = description.throttle?.burstLimit ?? Infinity;
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
    if (!this.takeToken()) return fail("THROTTLED", "Too Many Requests");
    if (request.body.length > MAX_PAYLOAD_BYTES) return fail("REQUEST_TOO_LARGE", "Request Too Long");

    const headers = headerMap(request.rawHeaders);
    const contentTypeHeader = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
    // Without a Content-Type, API Gateway takes the body as JSON; parameters (charset) do not select.
    const contentType = (contentTypeHeader ?? "application/json").split(";")[0].trim().toLowerCase();
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
    const template = route.requestTemplates[contentType];
    if (template === undefined && route.passthroughBehavior !== "WHEN_NO_MATCH") return fail("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type");

    let form: string;
    try {
      form = renderRequestTemplate(template ?? "$input.body", {
        body,
        headers,
        requestId,
        requestTimeEpoch,
        sourceIp: request.sourceIp,
        domainName: headers[Object.keys(headers).find((name) => name.toLowerCase() === "host") ?? ""] ?? "localhost",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
      });
    } catch (error) {
      return fail("DEFAULT_5XX", `Internal server error: the request template failed (${(error as Error).message})`);
    }
    const integration = this.sendToQueue(route.queueName, form);
    const selected =
      route.integrationResponses.find((r) => r.selectionPattern !== undefined && new RegExp(`^(?:${r.selectionPattern})$`).test(String(integration.status))) ??
      route.integrationResponses.find((r) => r.selectionPattern === undefined);
    if (!selected) return fail("DEFAULT_5XX", "Internal server error");
    const rendered = renderResponseTemplate(selected.template ?? "$input.body", integration.body, requestId);
    const status = rendered.status ?? Number(selected.statusCode);
    const messageId = integration.status < 300 ? JSON.parse(integration.body).SendMessageResponse?.SendMessageResult?.MessageId : undefined;
    return { response: jsonResponse(status, rendered.body, requestId), outcome: { route: route.path, status, messageId } };
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

  /** A token bucket: `burstLimit` deep, refilled at `rateLimit` per second. */
  private takeToken(): boolean {
    const throttle = this.description.throttle;
    if (!throttle) return true;
    const now = Date.now();
    this.tokens = Math.min(throttle.burstLimit, this.tokens + ((now - this.refilledAt) / 1000) * throttle.rateLimit);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
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
