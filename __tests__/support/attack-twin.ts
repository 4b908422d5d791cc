import { request as httpRequest } from "node:http";
import * as path from "node:path";
import { Testing } from "cdktf";
import type { DeliveryEvent } from "../../local/delivery-path";
import { signDelivery, sourcesOfStack, type Delivery, type DeliveryOptions } from "../../local/sender";
import { LocalTwin } from "../../local/twin";
import { readQuarantineAttributes } from "../../delivery/quarantine";
import type { WebhookConfigInput } from "../../stacks/config";
import { WebhookStack } from "../../stacks/webhook-stack";
import { TwinConsole } from "../../scripts/console/twin-console";

/** A request as an attacker makes it: any method, headers, query and bytes. */
export interface RawRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: Buffer | string;
}

/**
 * The twin of a stack with the given sources and secrets, for attacks made as an attacker makes
 * them: signed deliveries re-encoded or re-sent, raw requests, and what became of each.
 */
export class AttackTwin {
  private constructor(
    readonly twin: LocalTwin,
    /** Every step of every delivery the twin told, oldest first. */
    readonly events: DeliveryEvent[],
    /** The console, when the twin serves one. */
    readonly console?: TwinConsole,
  ) {}

  /** Starts the twin of a stack with `sources`, serving `secrets`, and its console where `withConsole`. */
  static async start(name: string, sources: NonNullable<WebhookConfigInput["sources"]>, secrets: Record<string, string>, withConsole = false): Promise<AttackTwin> {
    const outdir = Testing.fullSynth(new WebhookStack(Testing.app(), name, { environment: "test", sources }));
    const events: DeliveryEvent[] = [];
    const twin = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", name), port: 0, secrets, fastForward: true, onEvent: (event) => events.push(event) });
    const console = withConsole ? new TwinConsole(twin, (source) => secrets[source]) : undefined;
    if (console) twin.extend(console);
    return new AttackTwin(twin, events, console);
  }

  endpoint(source: string): string {
    return this.twin.outputs()[`endpoint-${source}`];
  }

  /** A delivery of `source` signed with `secret` as its sender signs it. */
  sign(source: string, options: Omit<DeliveryOptions, "url">): Delivery {
    return signDelivery(sourcesOfStack(this.twin.stack)[source], { url: this.endpoint(source), ...options });
  }

  /** Posts a delivery, its headers changed by `change`; the answer's status and its message id. */
  async post(delivery: Delivery, change: (headers: Record<string, string>) => Record<string, string> = (h) => h): Promise<{ status: number; messageId?: string }> {
    const response = await fetch(delivery.url, { method: "POST", headers: change({ ...delivery.headers }), body: delivery.body });
    const text = await response.text();
    return { status: response.status, messageId: response.status === 200 ? await this.twin.queuedAs(text) : undefined };
  }

  /** Sends a raw request to `url` (a path on the twin, or a whole URL). */
  async request(url: string, request: RawRequest = {}): Promise<{ status: number; headers: Headers; body: string }> {
    const target = new URL(url, this.twin.url);
    for (const [name, value] of Object.entries(request.query ?? {})) target.searchParams.set(name, value);
    const response = await fetch(target, { method: request.method ?? "GET", headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  /**
   * Sends a request exactly as given, Host and all (fetch would drop or rewrite Host, Origin and
   * Sec-Fetch-*): as a page after DNS rebinding, or a script that forges browser headers, sends it.
   */
  raw(pathname: string, request: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    const { port } = new URL(this.twin.url);
    return new Promise((resolve, reject) => {
      const sent = httpRequest({ host: "127.0.0.1", port, path: pathname, method: request.method ?? "GET", headers: { host: `127.0.0.1:${port}`, ...request.headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      });
      sent.on("error", reject);
      sent.end(request.body);
    });
  }

  /** What the pipeline made of a queued message once the queue is drained: "verified", or the rejection's reason. */
  async verdictOf(messageId: string): Promise<string | undefined> {
    await this.twin.drained();
    const step = this.events.find((event) => event.messageId === messageId && (event.step === "verified" || event.step === "rejected"));
    return step === undefined ? undefined : step.step === "rejected" ? step.reason : step.step;
  }

  /** The deliveries at rest in the quarantine, as their attributes say. */
  quarantined() {
    return this.twin.sqs.queue("webhooks-test-quarantine").messages.map((m) => readQuarantineAttributes(m.messageAttributes));
  }

  stop(): Promise<void> {
    return this.twin.stop();
  }
}
