import * as path from "node:path";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeSourcesSettings, SOURCES_ENV } from "../delivery/source-settings";
import { LocalRestApi } from "./rest-api";
import { answerAwsRequest, isAwsRequest, readBody } from "./aws-json-protocol";
import { QueueClock } from "./clock";
import { DeliveryOutcomes, type DeliveryOutcome } from "./delivery-outcomes";
import { describeMessage, stepsOfInvocation, type DeliveryEvent, type DeliveryStep } from "./delivery-path";
import { localDynamoDb } from "./dynamodb";
import { LocalEventBridge } from "./event-bridge";
import { LocalLambdaFunction, LocalLambdaFunctionError } from "./lambda-function";
import { faultError, FaultSchedule, type Fault, type FaultTarget } from "./faults";
import { PROCESS_ENV } from "../delivery/process-settings";
import { VALIDATE_ENV } from "../delivery/validate-settings";
import { LocalPipe } from "./pipe";
import { LocalSecretsManager } from "./secrets-manager";
import { LocalSqs } from "./sqs";
import { LocalS3, objectCreatedNotification, type LocalObject } from "./s3";
import { queuedMessageKind, STORED_METADATA, storedEnvelope } from "../delivery/stored-delivery";
import { LocalStateMachine, lambdaTasks } from "./state-machine";
import {
  describeBucketNotifications,
  describeFunction,
  describePipe,
  describeQueues,
  describeRestApi,
  describeTables,
  functionIdOf,
  LOCAL_ACCOUNT_ID,
  localAttribute,
  readSynthesizedStack,
  region,
  resolveReferences,
  stateMachineDefinition,
  type SynthesizedStack,
} from "./synthesized-stack";

/** The X-Amz-Target prefix of DynamoDB's calls, which the twin hands to dynalite. */
const DYNAMODB_TARGET = "DynamoDB_20120810.";

export interface LocalTwinProps {
  /** A synthesized stack's directory (`cdktf.out/stacks/<stack>`): its `cdk.tf.json` and assets. */
  readonly stackDir: string;
  /** Port to listen on; 0 picks a free one. @default 3000 */
  readonly port?: number;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Each source's secret string (one secret, or a JSON array of them), by source name; a function is
   * asked at every read, so secrets can change while the twin runs, as in Secrets Manager.
   */
  readonly secrets: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Let visibility timeouts pass at once when the pipe has nothing else to do. @default false */
  readonly fastForward?: boolean;
  /** Batches the pipe runs at once. @default 5 */
  readonly pipeConcurrency?: number;
  /** Told every step of every delivery. */
  readonly onEvent?: (event: DeliveryEvent) => void;
  /** Told every line the functions write. */
  readonly onLog?: (line: string, functionName: string) => void;
  /** Faults to inject on a schedule (`local/faults.ts`), to rehearse an outage. @default none */
  readonly faults?: readonly Fault[];
  /** The seed of the faults that fail a share of calls. @default 1 */
  readonly faultSeed?: number;
}

/**
 * A twin of a synthesized stack on localhost: its REST API, queues, pipe, state machine and
 * functions, built from the stack's Terraform JSON and assets. The functions' AWS calls reach local
 * services through the SDK's endpoint settings: Secrets Manager, EventBridge and SQS are served on
 * the twin's own port (the AWS JSON protocol), DynamoDB by dynalite.
 */
/** A part served on the twin's own port, under its prefix, that sees every delivery event and every queued envelope (the console). */
export interface TwinExtension {
  readonly prefix: string;
  event(event: DeliveryEvent): void;
  queued(messageId: string, body: string): void;
  serve(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void>;
  close?(): void;
}

export class LocalTwin {
  readonly sqs: LocalSqs;
  /** The payload bucket of stored deliveries, and any other bucket the stack writes to. */
  readonly s3: LocalS3;
  /** The queue each notifying bucket tells of new objects, by bucket name. */
  private readonly notifiedQueues = new Map<string, string>();
  /** S3's notifications not yet sent: cleared when the twin stops. */
  private readonly notifying = new Set<NodeJS.Timeout>();
  /** The message id S3's notification gave each stored delivery, by API request id. */
  private readonly storedMessages = new Map<string, string>();
  readonly eventBridge: LocalEventBridge;
  readonly secretsManager: LocalSecretsManager;
  readonly api: LocalRestApi;
  readonly pipe: LocalPipe;
  readonly clock: QueueClock;
  /** The faults in force, and every call they made fail. */
  readonly faults: FaultSchedule;
  readonly queueName: string;
  /** The quarantine queue's name, once the validate function's environment tells it. */
  private quarantineName?: string;
  /** What each function of the state machine is, by resource id: told by its environment. */
  private readonly functionKinds = new Map<string, "validate" | "process">();
  private dynamoDbUrl = "";
  /**
   * The Host values the twin answers, once it listens: its port on loopback's names. A page that
   * points a name of its own at 127.0.0.1 (DNS rebinding) still sends that name, and is refused
   * before anything runs.
   */
  private ownHosts = new Set<string>();
  /** The functions the state machine invokes, by resource id; started once the twin listens. */
  private readonly functions = new Map<string, LocalLambdaFunction>();
  private readonly functionIds = new Set<string>();
  url = "";
  private readonly server: Server;
  private readonly described = new Map<string, { source?: string; deliveryId?: string }>();
  /** The source each secret ARN the stack names belongs to. */
  private readonly secretSources = new Map<string, string>();
  private closers: (() => Promise<void>)[] = [];
  private readonly extensions: TwinExtension[] = [];
  private readonly outcomes = new DeliveryOutcomes();

  private constructor(
    readonly stack: SynthesizedStack,
    private readonly props: LocalTwinProps,
  ) {
    this.clock = new QueueClock(props.fastForward ?? false);
    this.faults = new FaultSchedule(props.faults ?? [], () => this.clock.now(), props.faultSeed);
    const queues = describeQueues(stack);
    this.sqs = this.createSqs(queues);
    this.eventBridge = this.createEventBridge();
    this.secretsManager = this.createSecretsManager();
    this.s3 = this.createS3();
    this.api = this.createApi();
    const pipe = describePipe(stack);
    this.queueName = pipe.queueName;
    this.pipe = this.createPipe(pipe, queues);
    this.server = this.createServer();
  }

  private createSqs(queues: ReturnType<typeof describeQueues>): LocalSqs {
    return new LocalSqs(
      {
        region: region(this.stack),
        accountId: LOCAL_ACCOUNT_ID,
        endpoint: () => this.url,
        now: () => this.clock.now(),
        onSent: (queue, messageId, body, origin) => {
          this.described.set(messageId, describeMessage(body, (bucket, key) => this.s3.getObject(bucket, key)));
          if (queue === this.queueName && this.extensions.length > 0) {
            const envelope = this.envelopeOf(body) ?? body;
            for (const extension of this.extensions) extension.queued(messageId, envelope);
          }
          // A tool put it back (a release from the quarantine): the API did not see it.
          if (queue === this.queueName && origin === "sdk") this.tell(messageId, { step: "requeued" });
          this.pipe?.wake();
        },
        onDeadLetter: (message) => this.tell(message.messageId, { step: "dead-lettered", receiveCount: message.receiveCount }),
        onMoved: (_from, _to, messages) => this.tell(undefined, { step: "redriven", messages }),
        fault: (queue, origin) => {
          if (origin === "api" && queue === this.queueName) this.faults.throwIfFailing("queue", "sqs");
          if (origin === "sdk" && queue === this.quarantineName) this.faults.throwIfFailing("quarantine", "sqs");
        },
      },
      queues,
    );
  }

  /** The bus: each event put is told, as the delivery's last step. */
  private createEventBridge(): LocalEventBridge {
    return new LocalEventBridge(
      (event, eventId) => {
        const { metadata } = JSON.parse(event.Detail);
        this.emit({ at: new Date(), source: metadata?.source, deliveryId: metadata?.deliveryId, step: "event", eventBusName: event.EventBusName, detailType: event.DetailType, eventId });
      },
      () => this.faults.fails("eventbridge-entries") !== undefined,
    );
  }

  /** Secrets by the source each ARN belongs to, from the twin's secrets (a file, or a function of the tests'). */
  private createSecretsManager(): LocalSecretsManager {
    const secrets = this.props.secrets;
    return new LocalSecretsManager((arn) => {
      const source = this.secretSources.get(arn);
      return source === undefined ? undefined : (typeof secrets === "function" ? secrets() : secrets)[source];
    });
  }

  /** The payload bucket, whose new objects notify the queues the stack's notifications name. */
  private createS3(): LocalS3 {
    const stack = this.stack;
    const s3 = new LocalS3((bucket, key, object) => this.notifyCreated(bucket, key, object));
    for (const { bucketId, queueId } of describeBucketNotifications(stack)) {
      this.notifiedQueues.set(localAttribute("aws_s3_bucket", stack.json.resource.aws_s3_bucket[bucketId], "bucket", region(stack)), stack.json.resource.aws_sqs_queue[queueId].name);
    }
    return s3;
  }

  private createApi(): LocalRestApi {
    const api = new LocalRestApi(
      describeRestApi(this.stack),
      (queueName, form) => this.sqs.sendMessageForm(queueName, form),
      (objectPath, body, headers) => this.putObject(objectPath, body, headers),
    );
    // A route integrated with a function (a sender's handshake) runs it as Lambda does.
    for (const route of api.description.routes) if (route.proxyFunctionId) this.functionIds.add(route.proxyFunctionId);
    return api;
  }

  /** The pipe from the deliveries queue to the state machine, whose Lambda tasks run the stack's functions. */
  private createPipe(pipe: ReturnType<typeof describePipe>, queues: ReturnType<typeof describeQueues>): LocalPipe {
    const definition = stateMachineDefinition(this.stack, pipe.stateMachineId);
    const maxReceiveCount = queues.find((q) => q.name === pipe.queueName)?.redrive?.maxReceiveCount;
    const machine = new LocalStateMachine(
      definition,
      Object.fromEntries(Object.entries(lambdaTasks(definition)).map(([state, reference]) => [state, this.invoker(functionIdOf(reference))])),
    );
    return new LocalPipe({
      queue: this.sqs.queue(pipe.queueName),
      batchSize: pipe.batchSize,
      batchingWindowSeconds: pipe.batchingWindowSeconds,
      concurrency: this.props.pipeConcurrency ?? 5,
      clock: this.clock,
      execute: (batch) => {
        for (const record of batch) this.tell(record.messageId, { step: "received", receiveCount: Number(record.attributes.ApproximateReceiveCount) });
        return machine.execute(batch);
      },
      onBatch: (batch, outcome) => {
        const retried = new Set(outcome.retried);
        for (const record of batch) {
          if (!retried.has(record.messageId)) continue;
          if (outcome.failure) this.tell(record.messageId, { step: "batch-failed", error: outcome.failure });
          this.tell(record.messageId, { step: "retried", receiveCount: Number(record.attributes.ApproximateReceiveCount), maxReceiveCount });
        }
      },
    });
  }

  private createServer(): Server {
    return createServer((request, response) =>
      void this.serve(request, response).catch((error: Error) => {
        // A fault of the twin or of the stack's configuration: API Gateway answers those 500, and the twin keeps serving.
        this.emit({ at: new Date(), step: "refused", status: 500, error: `the twin failed: ${error.message}` });
        if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: "Internal server error" }));
      }),
    );
  }

  /** One HTTP request: an AWS call of a function or tool, the outputs or the stack's folder, or a request to the REST API. */
  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.ownHosts.has(String(request.headers.host ?? "").toLowerCase())) {
      // Neither read nor quoted: the Host is the caller's to choose.
      request.resume();
      this.emit({ at: new Date(), step: "refused", status: 421, error: "a request for another Host (only 127.0.0.1 or localhost on this port are answered)" });
      response.writeHead(421, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: `Misdirected request: the twin answers only Host ${[...this.ownHosts].join(" or ")}` }));
      return;
    }
    const body = await readBody(request);
    const extension = this.extensions.find((e) => request.url === e.prefix || request.url?.startsWith(`${e.prefix}/`) || request.url?.startsWith(`${e.prefix}?`));
    if (extension) return extension.serve(request, body, response);
    if (LocalS3.isS3Request(request)) {
      if (this.faults.fails("payloads")) {
        response.writeHead(503, { "content-type": "application/xml" });
        response.end("<Error><Code>ServiceUnavailable</Code><Message>A fault injected into the local twin</Message></Error>");
        return;
      }
      return this.s3.serve(request, body, response);
    }
    if (isAwsRequest(request)) {
      if (String(request.headers["x-amz-target"]).startsWith(DYNAMODB_TARGET)) return this.answerDynamoDb(request, body, response);
      return answerAwsRequest([this.sqs, this.eventBridge, this.secretsManager], request, body.toString("utf8"), response, (prefix) => {
        const target = ({ secretsmanager: "secretsmanager", AWSEvents: "eventbridge" } as Record<string, FaultTarget>)[prefix];
        if (target) this.faults.throwIfFailing(target, target);
      });
    }
    const local = request.method === "GET" && this.local(request.url ?? "");
    if (local) {
      response.writeHead(local.status, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(local.body));
      return;
    }
    const httpRequest = {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
    };
    const proxied = this.api.proxy(httpRequest);
    if (proxied) return this.answerProxied(proxied, response);
    const { response: answer, outcome } = this.api.handle(httpRequest);
    const source = outcome.route?.split("/").pop();
    if (outcome.messageId) this.tell(outcome.messageId, { step: "accepted", status: outcome.status, messageId: outcome.messageId });
    // A stored delivery is told accepted when S3's notification queues it.
    else if (!outcome.storedRequestId) this.emit({ at: new Date(), source, step: "refused", status: outcome.status, route: outcome.route, error: outcome.error });
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }

  /** A request on a route integrated with a function (a sender's handshake): the function answers it, as Lambda proxy does. */
  private async answerProxied(proxied: { functionId: string; route: string; event: object }, response: ServerResponse): Promise<void> {
    const source = proxied.route.split("/").pop();
    const result = (await this.functions.get(proxied.functionId)!.invoke(proxied.event)) as { statusCode: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean };
    const body = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : (result.body ?? "");
    const messageId = result.statusCode === 200 && (result.headers?.["content-type"] ?? "").startsWith("application/json") ? (JSON.parse(String(body)) as { messageId?: string }).messageId : undefined;
    if (messageId) this.tell(messageId, { step: "accepted", status: result.statusCode, messageId });
    else this.emit({ at: new Date(), source, step: result.statusCode < 300 ? "handshake" : "refused", status: result.statusCode, route: proxied.route });
    response.writeHead(result.statusCode, result.headers ?? {});
    response.end(body);
  }

  /**
   * DynamoDB, served by dynalite behind the twin's own port, so that a fault can fail its calls
   * as DynamoDB would answer them.
   */
  private async answerDynamoDb(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
    const fault = this.faults.fails("dynamodb");
    if (fault) {
      return answerAwsRequest([], request, "", response, () => {
        throw faultError(fault, "dynamodb");
      });
    }
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name))) as Record<string, string>;
    const answer = await fetch(this.dynamoDbUrl, { method: "POST", headers, body });
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/x-amz-json-1.0" });
    response.end(Buffer.from(await answer.arrayBuffer()));
  }

  /** Serves `extension` on the twin's port, and tells it every delivery event and queued envelope from now on. */
  extend(extension: TwinExtension): void {
    this.extensions.push(extension);
  }

  static async start(props: LocalTwinProps): Promise<LocalTwin> {
    const twin = new LocalTwin(readSynthesizedStack(props.stackDir), props);
    await twin.listen();
    return twin;
  }

  /**
   * The stack's outputs as the twin answers them: local URLs and ARNs. A source's endpoint is the
   * twin's route even where the stack gives senders a custom domain, so nothing sent to the twin
   * reaches a deployed stack.
   */
  outputs(): Record<string, string> {
    const outputs = Object.fromEntries(Object.entries(this.stack.json.output ?? {}).map(([name, { value }]) => [name, this.resolve(String(value))]));
    const { stageName, routes } = this.api.description;
    for (const route of routes) {
      const name = `endpoint-${route.path.split("/").pop()}`;
      if (name in outputs) outputs[name] = `${this.url}/${stageName}${route.path}`;
    }
    return outputs;
  }

  /** Resolves once every queued message is deleted or dead-lettered and nothing is in flight. */
  drained(): Promise<void> {
    return this.pipe.drained();
  }

  async stop(): Promise<void> {
    for (const extension of this.extensions) extension.close?.();
    for (const timer of this.notifying) clearTimeout(timer);
    await this.pipe.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Senders' keep-alive connections would hold the server open.
    this.server.closeAllConnections();
    await closed;
    await Promise.all(this.closers.map((close) => close()));
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.props.port ?? 3000, this.props.host ?? "127.0.0.1", () => resolve());
    });
    const { address, port } = this.server.address() as AddressInfo;
    this.url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
    this.ownHosts = new Set([new URL(this.url).host, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

    const dynamoDb = await localDynamoDb(describeTables(this.stack));
    this.closers.push(() => dynamoDb.close());
    this.dynamoDbUrl = dynamoDb.url;
    const endpoints = {
      AWS_REGION: region(this.stack),
      AWS_ENDPOINT_URL_SECRETS_MANAGER: this.url,
      AWS_ENDPOINT_URL_EVENTBRIDGE: this.url,
      AWS_ENDPOINT_URL_SQS: this.url,
      AWS_ENDPOINT_URL_DYNAMODB: this.url,
      AWS_ENDPOINT_URL_S3: this.url,
    };
    for (const id of this.functionIds) {
      const description = describeFunction(this.stack, id);
      const environment = JSON.parse(this.resolve(JSON.stringify(description.environment))) as Record<string, string>;
      this.storeSecretsFor(environment);
      this.noteKind(id, environment);
      const fn = new LocalLambdaFunction({ ...description, environment: { ...environment, ...endpoints }, onLog: this.props.onLog, clockOffsetMs: () => this.clock.offsetMs() });
      this.functions.set(id, fn);
      this.closers.push(() => fn.stop());
    }
    await Promise.all([...this.functions.values()].map((fn) => fn.warm()));
    this.pipe.start();
  }

  /** Serves each source's local secret at the ARN the stack tells the validate function. */
  private storeSecretsFor(environment: Record<string, string>): void {
    if (!environment[SOURCES_ENV]) return;
    for (const [source, settings] of Object.entries(decodeSourcesSettings(environment[SOURCES_ENV]))) {
      this.secretSources.set(settings.secretId, source);
    }
  }

  /** Learns what a function is from what its environment tells it: the validate function's quarantine, the process function's bus. */
  private noteKind(id: string, environment: Record<string, string>): void {
    if (environment[VALIDATE_ENV.quarantineQueueUrl]) {
      this.functionKinds.set(id, "validate");
      this.quarantineName = environment[VALIDATE_ENV.quarantineQueueUrl].split("/").pop();
    }
    if (environment[PROCESS_ENV.eventBus]) this.functionKinds.set(id, "process");
  }

  /** Invokes a function as Lambda does, but for the faults in force: before its handler runs, or losing its result after. */
  private async invokeWithFaults(id: string, payload: unknown): Promise<unknown> {
    const kind = this.functionKinds.get(id);
    if (kind && this.faults.fails(`${kind}-before`)) throw new LocalLambdaFunctionError("Lambda.ServiceException", "Lambda could not run the function (a fault injected into the local twin)");
    const result = await this.functions.get(id)!.invoke(payload);
    if (kind && this.faults.fails(`${kind}-after`)) throw new LocalLambdaFunctionError("Sandbox.Timedout", "The function's result was lost after it ran (a fault injected into the local twin)");
    return result;
  }

  /** What a Task state's invocation of a function does: run it, and tell the steps it shows. */
  private invoker(id: string): (payload: unknown) => Promise<unknown> {
    this.functionIds.add(id);
    return async (payload) => {
      try {
        const result = await this.invokeWithFaults(id, payload);
        for (const { messageId, step } of stepsOfInvocation(payload, { result })) this.tell(messageId, step);
        return result;
      } catch (error) {
        for (const { messageId, step } of stepsOfInvocation(payload, { error: error as Error })) this.tell(messageId, step);
        throw error;
      }
    };
  }

  private resolve(text: string): string {
    return resolveReferences(
      text,
      (type, resource, attribute) => {
        if (type === "aws_sqs_queue" && attribute === "url") return this.sqs.url(resource.name);
        if (type === "aws_api_gateway_stage" && attribute === "invoke_url") return `${this.url}/${resource.stage_name}`;
        return localAttribute(type, resource, attribute, region(this.stack));
      },
      this.stack,
    );
  }

  private tell(messageId: string | undefined, step: DeliveryStep): void {
    this.emit({ at: new Date(), messageId, ...(messageId ? this.described.get(messageId) : {}), ...step });
  }

  /**
   * The latest outcome of a delivery the twin queued, by its message id (kept in the DLQ under the
   * same id), or, for a stored delivery, by its API request id too.
   */
  outcomeOf(id: string): DeliveryOutcome | undefined {
    return this.outcomes.get(this.storedMessages.get(id) ?? id);
  }

  /**
   * The message id the API's answer to a delivery leads to: its own for a queued one, or, for a
   * stored one, that of S3's notification, awaited (up to `timeoutMs`) since S3 sends it after the PUT.
   */
  async queuedAs(answer: string, timeoutMs = 5_000): Promise<string | undefined> {
    let parsed: { messageId?: string; requestId?: string; stored?: boolean };
    try {
      parsed = JSON.parse(answer);
    } catch {
      return undefined;
    }
    if (!parsed.stored) return parsed.messageId;
    const deadline = Date.now() + timeoutMs;
    while (!this.storedMessages.has(parsed.requestId ?? "") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.storedMessages.get(parsed.requestId ?? "");
  }

  /**
   * The envelope a queued message stands for, as text: the message itself, or, for a stored
   * delivery's notification, the envelope of its object as an inline route would have written it
   * (undefined when the object is gone or the message is neither).
   */
  envelopeOf(body: string): string | undefined {
    try {
      const kind = queuedMessageKind(body);
      if (kind.kind === "inline") return body;
      if (kind.kind !== "stored") return undefined;
      const object = this.s3.getObject(kind.ref.bucket, kind.ref.key);
      if (!object) return undefined;
      return JSON.stringify({ ...storedEnvelope(kind.ref, object), body: object.body.toString("base64") });
    } catch {
      return undefined;
    }
  }

  /** The S3 integration's PutObject: the object path's references resolved, the mapped headers made its content type and metadata. */
  private putObject(objectPath: string, body: Buffer, headers: Readonly<Record<string, string>>): { status: number; body: string } {
    if (this.faults.fails("payloads")) return { status: 503, body: "<Error><Code>ServiceUnavailable</Code></Error>" };
    const [bucket, ...key] = this.resolve(objectPath).split("/");
    const metadata = Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith("x-amz-meta-")).map(([name, value]) => [name.slice("x-amz-meta-".length), value]));
    this.s3.putObject(bucket, key.map(decodeURIComponent).join("/"), body, headers["content-type"] ?? "binary/octet-stream", metadata);
    return { status: 200, body: "" };
  }

  /**
   * S3's event notification of a new object in a notifying bucket: sent to its queue soon after, not
   * within the PUT, and again until the queue takes it (S3 retries, and delivers at least once).
   */
  private notifyCreated(bucket: string, key: string, object: LocalObject, attempt = 0): void {
    const queue = this.notifiedQueues.get(bucket);
    if (!queue) return;
    const timer = setTimeout(() => {
      this.notifying.delete(timer);
      try {
        const messageId = this.sqs.sendMessage(queue, objectCreatedNotification(bucket, key, object, region(this.stack)), {}, "s3");
        const requestId = object.metadata[STORED_METADATA.requestId];
        if (requestId) this.storedMessages.set(requestId, messageId);
        while (this.storedMessages.size > 10_000) this.storedMessages.delete(this.storedMessages.keys().next().value!);
        this.tell(messageId, { step: "accepted", status: 200, messageId });
      } catch {
        if (attempt < 50) this.notifyCreated(bucket, key, object, attempt + 1);
      }
    }, attempt === 0 ? 5 : 200);
    this.notifying.add(timer);
  }

  /** What the tools ask the twin at `/_local/…`: its outputs, its stack, a delivery's outcome. */
  private local(url: string): { status: number; body: unknown } | undefined {
    if (url === "/_local/outputs") return { status: 200, body: this.outputs() };
    if (url === "/_local/stack") return { status: 200, body: { directory: path.resolve(this.stack.dir) } };
    if (!url.startsWith("/_local/deliveries/")) return undefined;
    // A message id, or a stored delivery's request id.
    const outcome = this.outcomeOf(decodeURIComponent(url.slice("/_local/deliveries/".length)));
    return outcome ? { status: 200, body: outcome } : { status: 404, body: { message: "The twin queued no delivery with that message id (it keeps the newest 10,000)." } };
  }

  private emit(event: DeliveryEvent): void {
    this.outcomes.record(event);
    this.props.onEvent?.(event);
    for (const extension of this.extensions) extension.event(event);
  }
}
