import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { buildEnvelope } from "../../delivery/envelope";
import { HANDSHAKE_METRICS } from "../../delivery/handshake-settings";
import { forwardedHeaders, type SourceSettings } from "../../delivery/source-settings";
import { schemeOf } from "../../senders";
import { parseSourceSecret, SourceSecretError, type SourceSecrets } from "../../senders/source-secret";
import type { HandshakeRequest } from "../../senders/scheme";

/** What answering a request needs from outside: the sources, their secrets, the queue, the metrics. */
export interface ProxiedRequestDependencies {
  readonly sources: Readonly<Record<string, SourceSettings>>;
  /** Each source's public URL, where a custom domain gives it one. */
  readonly publicUrls: Readonly<Record<string, string>>;
  readonly secretString: (secretId: string) => Promise<string>;
  /** Sends an envelope to the deliveries queue; resolves to its message id. */
  readonly send: (messageBody: string) => Promise<string>;
  readonly count: (metric: (typeof HANDSHAKE_METRICS)[keyof typeof HANDSHAKE_METRICS], source: string) => void;
  /** Tells the operator what is wrong on our side; never given a secret or a request's content. */
  readonly log: (message: string, fields: Record<string, unknown>) => void;
}

/** How SQS words its refusal of a message above the queue's maximum size. */
const TOO_LARGE = "Message must be shorter than";

/** Every answer's headers, by lower-case name: no browser may sniff an answer into a page. */
const headersOf = (contentType: string, headers: Readonly<Record<string, string>> = {}): Record<string, string> => ({
  "content-type": contentType,
  "x-content-type-options": "nosniff",
  ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
});

const answer = (statusCode: number, body: unknown): APIGatewayProxyResult => ({ statusCode, headers: headersOf("application/json"), body: JSON.stringify(body) });

/**
 * A request on a route of a sender that makes handshakes: its handshake answered synchronously,
 * with the source's secrets; any other request queued as the mapping template would queue it, and
 * answered 200 only once SQS has it, as every other route answers.
 */
export async function answerProxiedRequest(event: APIGatewayProxyEvent, deps: ProxiedRequestDependencies): Promise<APIGatewayProxyResult> {
  const requestId = event.requestContext.requestId;
  const source = event.resource.split("/").pop() ?? "";
  const settings = deps.sources[source];
  if (!settings) return answer(500, { message: "This route has no source; retry later", requestId });
  const body = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
  const received = {
    requestId,
    receivedAt: event.requestContext.requestTimeEpoch,
    sourceIp: event.requestContext.identity.sourceIp,
    domainName: event.requestContext.domainName ?? "",
    path: event.requestContext.path,
    query: (event.queryStringParameters ?? {}) as Record<string, string>,
    headers: (event.headers ?? {}) as Record<string, string>,
    body,
  };
  const route = { source, headers: forwardedHeaders(settings), deliveryIdHeader: settings.deliveryIdHeader, publicUrl: deps.publicUrls[source] };
  const envelope = buildEnvelope(route, received);
  const scheme = schemeOf(settings.verification);
  const request: HandshakeRequest = {
    method: event.httpMethod,
    query: received.query,
    headers: Object.fromEntries(Object.entries(received.headers).map(([name, value]) => [name.toLowerCase(), value])),
    body,
    url: envelope.url,
    receivedAt: received.receivedAt,
  };
  const handshake = scheme.handshake;
  if (handshake && handshake.method === event.httpMethod && handshake.recognizes(request)) {
    let secrets: SourceSecrets = { delivery: [], handshake: [] };
    try {
      if (!scheme.secretless) secrets = parseSourceSecret(await deps.secretString(settings.secretId), scheme.secretParts);
    } catch (error) {
      // Our configuration's fault, not the sender's: it retries, and the alarm on 5xx tells us.
      if (error instanceof SourceSecretError) {
        deps.log("handshake not answered: the source's secret is not usable", { source, requestId, detail: error.message });
        return answer(503, { message: "The source's secret is not usable; retry later", requestId });
      }
      throw error;
    }
    const reply = handshake.answer(request, settings.verification, secrets);
    deps.count(reply.status < 300 ? HANDSHAKE_METRICS.answered : HANDSHAKE_METRICS.refused, source);
    return { statusCode: reply.status, headers: headersOf(reply.contentType, reply.headers), body: reply.body };
  }
  if (event.httpMethod !== "POST") return answer(404, { message: "Not a handshake of this source", requestId });
  try {
    const messageId = await deps.send(JSON.stringify(envelope));
    return answer(200, { messageId, requestId });
  } catch (error) {
    const tooLarge = String((error as Error)?.message ?? "").includes(TOO_LARGE);
    return tooLarge
      ? answer(413, { message: "The delivery is larger than this endpoint accepts", requestId })
      : answer(503, { message: "The delivery could not be queued; retry later", requestId });
  }
}
