import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import * as path from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { parseEnvelope, rawBody } from "../../delivery/envelope";
import { queuesFromOutputs, redrive, redriveMessage } from "../lib/dead-letter-queue";
import { quarantineQueuesFromOutputs, releaseQuarantine } from "../lib/quarantine";
import { send } from "../send";
import type { DeliveryEvent } from "../../local/delivery-path";
import { sourcesOfStack } from "../../local/sender";
import type { LocalTwin, TwinExtension } from "../../local/twin";
import { DeliveryLog } from "./delivery-log";

/** How often the page is told what changed: updates are batched, so a flood is a few messages a second. */
const PUSH_INTERVAL_MS = 250;
const PAGE = path.join(__dirname, "page.html");

/**
 * The twin's console at `/_console`: a page listing every delivery as it moves (server-sent events,
 * batched), each delivery's timeline, request and event, the DLQ and the quarantine with their
 * counts, and the actions of the tools: `npm run dlq -- redrive`, `npm run quarantine -- release`
 * and `npm run send` run as those tools run them, against the twin's own SQS endpoint.
 */
export class TwinConsole implements TwinExtension {
  readonly prefix = "/_console";
  readonly log: DeliveryLog;
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;
  private readonly sqs: SQSClient;
  private lastCounts = "";

  constructor(
    private readonly twin: LocalTwin,
    /** Each source's local secret, for `send a sample`. */
    private readonly secretOf: (source: string) => string | undefined,
    capacity?: number,
  ) {
    this.log = new DeliveryLog(capacity);
    this.sqs = new SQSClient({ endpoint: twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
    this.timer = setInterval(() => this.push(), PUSH_INTERVAL_MS);
    this.timer.unref();
  }

  event(event: DeliveryEvent): void {
    this.log.record(event);
  }

  queued(messageId: string, body: string): void {
    this.log.queued(messageId, body);
  }

  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  /** Messages resting in the DLQ and the quarantine, with the deliveries they carry. */
  queues() {
    const outputs = this.twin.outputs();
    const resting = (url: string | undefined) =>
      url === undefined
        ? []
        : this.twin.sqs.queue(url.split("/").pop()!).messages.map((message) => {
            try {
              const { source, deliveryId } = parseEnvelope(message.body);
              return { messageId: message.messageId, source, deliveryId, reason: message.messageAttributes.reason?.StringValue };
            } catch {
              return { messageId: message.messageId };
            }
          });
    return { deadLetterQueue: resting(outputs["dead-letter-queue-url"]), quarantine: resting(outputs["quarantine-queue-url"]) };
  }

  async serve(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://console");
    const route = url.pathname.slice(this.prefix.length) || "/";
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(value));
    };
    if (request.method === "GET" && route === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(readFileSync(PAGE));
      return;
    }
    if (request.method === "GET" && route === "/events") return this.subscribe(response);
    if (request.method === "GET" && route === "/api/state") {
      const outputs = this.twin.outputs();
      const sources = Object.keys(sourcesOfStack(this.twin.stack)).map((source) => ({ source, endpoint: outputs[`endpoint-${source}`] }));
      return json(200, { sources, queues: this.queues(), deliveries: this.log.list({}, Number(url.searchParams.get("limit") ?? 200)) });
    }
    if (request.method === "GET" && route.startsWith("/api/deliveries/")) {
      const detail = this.log.get(decodeURIComponent(route.slice("/api/deliveries/".length)));
      return detail ? json(200, detail) : json(404, { message: "No such delivery (the console keeps the newest 2,000)" });
    }
    if (request.method === "POST" && route.startsWith("/api/")) {
      const input = body.length ? (JSON.parse(body.toString("utf8")) as { id?: string; source?: string }) : {};
      try {
        return json(200, await this.act(route.slice("/api/".length), input));
      } catch (error) {
        return json(400, { message: (error as Error).message });
      }
    }
    json(404, { message: `Nothing at ${url.pathname}` });
  }

  /** An action of the page, done as the tool that does it does it. */
  private async act(action: string, input: { id?: string; source?: string }): Promise<{ message: string }> {
    const outputs = this.twin.outputs();
    if (action === "dlq/redrive") {
      const queues = queuesFromOutputs(outputs);
      if (input.id) return { message: (await redriveMessage(this.sqs, queues, input.id)) ? `Moved ${input.id} back to the queue.` : `No message ${input.id} in the DLQ.` };
      const { moving } = await redrive(this.sqs, queues, {});
      return { message: moving === 0 ? "The DLQ is empty." : `Moving ${moving} message(s) back to the queue.` };
    }
    if (action === "quarantine/release") {
      const { released, failed } = await releaseQuarantine(this.sqs, quarantineQueuesFromOutputs(outputs), input.id ? { id: input.id } : {});
      return { message: `${released.length} sent back for verification${failed.length ? `, ${failed.length} failed` : ""}.` };
    }
    if (action === "send") {
      const secret = input.source && this.secretOf(input.source);
      if (!input.source || secret === undefined) throw new Error(`No local secret for ${input.source}.`);
      const lines: string[] = [];
      await send(["--source", input.source, "--secret", secret], { ...process.env, WEBHOOKS_LOCAL_URL: this.twin.url }, (line) => lines.push(line));
      return { message: lines.join("\n") };
    }
    if (action === "resend") {
      const envelope = input.id && this.log.envelopeOf(input.id);
      if (!envelope) throw new Error(`No request kept for ${input.id}.`);
      const { source, headers, contentType } = parseEnvelope(envelope);
      const answer = await fetch(outputs[`endpoint-${source}`], { method: "POST", headers: { ...headers, "content-type": contentType }, body: rawBody(parseEnvelope(envelope)) });
      return { message: `${answer.status} ${await answer.text()}` };
    }
    throw new Error(`Unknown action ${action}.`);
  }

  private subscribe(response: ServerResponse): void {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    response.write(": the twin's console\n\n");
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  /** Tells every open page what changed since the last push, in one message. */
  private push(): void {
    if (this.clients.size === 0) {
      this.log.changed();
      return;
    }
    const deliveries = this.log.changed();
    const queues = this.queues();
    const counts = JSON.stringify(queues);
    if (deliveries.length === 0 && counts === this.lastCounts) return;
    this.lastCounts = counts;
    const message = `data: ${JSON.stringify({ deliveries, queues })}\n\n`;
    for (const client of this.clients) client.write(message);
  }
}
