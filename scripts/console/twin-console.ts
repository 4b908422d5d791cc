import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import * as path from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { parseEnvelope, rawBody } from "../../delivery/envelope";
import { readQuarantineAttributes } from "../../delivery/quarantine";
import { queuesFromOutputs, redrive, redriveMessage } from "../lib/dead-letter-queue";
import { quarantineQueuesFromOutputs, releaseQuarantine } from "../lib/quarantine";
import { send } from "../send";
import type { DeliveryEvent } from "../../local/delivery-path";
import { sourcesOfStack } from "../../local/sender";
import type { LocalTwin, TwinExtension } from "../../local/twin";
import { DeliveryLog, proofOf } from "./delivery-log";
import { constantTimeEqual } from "../../senders/constant-time";

/** How often the page is told what changed: updates are batched, so a flood is a few messages a second. */
const PUSH_INTERVAL_MS = 250;
const PAGE = path.join(__dirname, "page.html");
/** The header the page sends this start's token in. */
export const CONSOLE_TOKEN_HEADER = "x-console-token";
/** What the page may do: no framing (a framed console's buttons could be clicked through another page). */
const PAGE_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'", "x-content-type-options": "nosniff" };

/**
 * The twin's console at `/_console`: a page listing every delivery as it moves (server-sent events,
 * batched), each delivery's timeline, request and event, the DLQ and the quarantine with their
 * counts, and the actions of the tools: `npm run dlq -- redrive`, `npm run quarantine -- release`
 * and `npm run send` run as those tools run them, against the twin's own SQS endpoint.
 *
 * A page in the user's browser is an attacker: the twin answers only its own Host (DNS rebinding),
 * and an action needs a JSON body, a same-origin request and this start's token, which only the
 * console's own page carries. Anything else gets 403 and changes nothing.
 */
export class TwinConsole implements TwinExtension {
  readonly prefix = "/_console";
  readonly log: DeliveryLog;
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;
  private readonly sqs: SQSClient;
  private lastCounts = "";
  /** A new token at every start: a page served by an earlier start, or by anyone else, has none. */
  readonly token = randomBytes(32).toString("base64url");

  constructor(
    private readonly twin: LocalTwin,
    /** Each source's local secret, for `send a sample`. */
    private readonly secretOf: (source: string) => string | undefined,
    capacity?: number,
  ) {
    const proofs = Object.fromEntries(Object.entries(sourcesOfStack(twin.stack)).map(([source, settings]) => [source, proofOf(settings)]));
    this.log = new DeliveryLog(capacity, proofs);
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
              const { source, deliveryId } = parseEnvelope(this.twin.envelopeOf(message.body) ?? message.body);
              // A quarantined message carries its reason; a dead-lettered one's last failure is the twin's to tell.
              const { reason = this.twin.outcomeOf(message.messageId)?.reason, heldBy } = readQuarantineAttributes(message.messageAttributes);
              return { messageId: message.messageId, source, deliveryId, reason, ...(heldBy ? { heldBy } : {}) };
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
      response.writeHead(200, PAGE_HEADERS);
      response.end(readFileSync(PAGE, "utf8").replace("{{CONSOLE_TOKEN}}", this.token));
      return;
    }
    const refusal = request.method === "POST" ? this.actionRefusal(request) : crossSiteRead(request);
    if (refusal) return json(403, { message: refusal });
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
      const input = actionInput(body);
      // The body is whoever sent it's: an answer never quotes it.
      if (!input) return json(400, { message: "The body must be a JSON object, such as {\"id\": \"…\"}." });
      try {
        return json(200, await this.act(route.slice("/api/".length), input));
      } catch (error) {
        return json(400, { message: (error as Error).message });
      }
    }
    json(404, { message: `Nothing at ${url.pathname}` });
  }

  /** Why a state-changing request is refused, or undefined when it comes from the console's own page. */
  private actionRefusal(request: IncomingMessage): string | undefined {
    const mediaType = String(request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (mediaType !== "application/json") return "An action needs Content-Type: application/json.";
    const origin = request.headers.origin;
    const site = request.headers["sec-fetch-site"];
    if (origin === undefined && site === undefined) return "An action needs an Origin or Sec-Fetch-Site header.";
    if (origin !== undefined && origin !== `http://${request.headers.host}`) return "An action must come from the console's own page (Origin).";
    if (site !== undefined && site !== "same-origin") return "An action must come from the console's own page (Sec-Fetch-Site).";
    const token = request.headers[CONSOLE_TOKEN_HEADER];
    if (typeof token !== "string" || !constantTimeEqual(token, this.token)) return "An action needs this start's console token, which the console's page carries.";
    return undefined;
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
      const { released, failed, duplicates } = await releaseQuarantine(this.sqs, quarantineQueuesFromOutputs(outputs), input.id ? { id: input.id } : {});
      const removed = duplicates.length ? `, ${duplicates.length} second cop${duplicates.length === 1 ? "y" : "ies"} removed` : "";
      return { message: `${released.length} sent back for verification${failed.length ? `, ${failed.length} failed` : ""}${removed}.` };
    }
    if (action === "send") {
      const secret = input.source && this.secretOf(input.source);
      if (!input.source || secret === undefined) throw new Error(`No local secret for ${input.source}.`);
      const lines: string[] = [];
      // A fresh sample each time, so that a second click is no replay; the list shows its outcome.
      await send(["--source", input.source, "--secret", secret, "--fresh", "--no-wait"], { ...process.env, WEBHOOKS_LOCAL_URL: this.twin.url }, (line) => lines.push(line));
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

/** Why a read is refused: one a browser made for another site's page (a script or image tag), which could leak deliveries. */
function crossSiteRead(request: IncomingMessage): string | undefined {
  const site = request.headers["sec-fetch-site"];
  return site === undefined || site === "same-origin" || site === "none" ? undefined : "The console answers only its own page.";
}

/** An action's input: a JSON object of strings, or undefined for anything else. */
function actionInput(body: Buffer): { id?: string; source?: string } | undefined {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const { id, source } = parsed as Record<string, unknown>;
  if ((id !== undefined && typeof id !== "string") || (source !== undefined && typeof source !== "string")) return undefined;
  return { ...(id !== undefined ? { id } : {}), ...(source !== undefined ? { source } : {}) };
}
