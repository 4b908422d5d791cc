import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local AWS service speaking the AWS JSON protocol: the SDK posts `{...input}` with an
 * `X-Amz-Target: <prefix>.<Operation>` header, and reads the output or an error `{__type, message}`.
 * Handlers and tools reach it unchanged through the SDK's endpoint settings
 * (`AWS_ENDPOINT_URL_<SERVICE>`, or a client's `endpoint`).
 */
export interface JsonProtocolService {
  /** The X-Amz-Target prefix, such as `AmazonSQS` or `secretsmanager`. */
  readonly targetPrefix: string;
  /**
   * The operation's output; throws AwsServiceError for an error AWS would return. Each service types
   * `input` as the fields its operations read (the request's JSON, as the SDK sends it).
   */
  handle(operation: string, input: never): unknown;
}

/** An error as the AWS service reports it. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** True for a request one of the services should answer. */
export function isAwsRequest(request: IncomingMessage): boolean {
  return request.method === "POST" && typeof request.headers["x-amz-target"] === "string";
}

/**
 * Answers one AWS JSON protocol request. `guard` may throw an AwsServiceError first (an injected
 * fault), which is answered as the service would answer it.
 */
export async function answerAwsRequest(
  services: readonly JsonProtocolService[],
  request: IncomingMessage,
  text: string,
  response: ServerResponse,
  guard: (prefix: string, operation: string) => void = () => {},
): Promise<void> {
  const target = String(request.headers["x-amz-target"]);
  const [prefix, operation] = target.split(".");
  const service = services.find((s) => s.targetPrefix === prefix);
  let status = 200;
  let body: unknown;
  try {
    guard(prefix, operation);
    if (!service) throw new AwsServiceError("UnknownOperationException", `No local service answers ${target}`);
    body = await service.handle(operation, JSON.parse(text || "{}") as never);
  } catch (error) {
    const failure = error instanceof AwsServiceError ? error : new AwsServiceError("InternalFailure", (error as Error).message, 500);
    status = failure.status;
    body = { __type: failure.type, message: failure.message };
  }
  response.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
  response.end(JSON.stringify(body ?? {}));
}

/** Reads a request's whole body. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves the services on their own localhost port; for tests that need only the services. */
export async function serveAwsServices(services: readonly JsonProtocolService[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(
    (request, response) =>
      // A request whose body breaks off has no one left to answer.
      void readBody(request)
        .then((body) => answerAwsRequest(services, request, body.toString("utf8"), response))
        .catch(() => response.destroy()),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
