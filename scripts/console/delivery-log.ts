import { parseEnvelope, rawBody } from "../../delivery/envelope";
import { FORM_CONTENT } from "../../delivery/payload";
import { describeStep, type DeliveryEvent } from "../../local/delivery-path";
import { redactFields } from "../../delivery/secret-fields";
import type { SourceSettings } from "../../delivery/source-settings";
import { schemeOf } from "../../senders";

/** Where a delivery stands, as the console's list shows it. */
export type DeliveryStatus = "queued" | "received" | "verified" | "processed" | "rejected" | "retried" | "dead-lettered" | "requeued" | "refused" | "handshake";

/** What the list shows of a delivery. */
export interface DeliverySummary {
  /** The queue's message id, or a local id for a request that was never queued. */
  readonly id: string;
  readonly source?: string;
  readonly deliveryId?: string;
  readonly eventType?: string;
  readonly status: DeliveryStatus;
  /** Why it was rejected or refused, or how far its retries went ("2 of 3"). */
  readonly detail?: string;
  readonly at: string;
  readonly updatedAt: string;
}

/** A delivery's page: its summary, its timeline, and the request as the API queued it. */
export interface DeliveryDetail extends DeliverySummary {
  readonly timeline: { readonly at: string; readonly step: string; readonly text: string }[];
  readonly request?: {
    readonly contentType?: string;
    /** Header values that prove who sent it (signatures, credentials) are masked. */
    readonly headers: Record<string, string>;
    /** The body as it reads best: pretty JSON, form fields one a line, text, or hex for bytes that are not text. */
    readonly body: string;
    readonly bodyFormat: "json" | "form" | "text" | "hex";
    readonly bodyBytes: number;
  };
  readonly eventId?: string;
  readonly detailType?: string;
}

/** What the console shows instead of a value that proves who sent a request. */
export const MASK = "••••••";

/**
 * Header names that sound like credentials: masked too, for headers a source forwards that its
 * scheme does not read (the scheme's own proof is masked by role, whatever it is called).
 */
const SECRET_HEADER = /signature|authorization|token|secret|hmac|key|digest|hash|verify/i;

/** Where a source's requests carry their proof, by role: the scheme's proof headers and the payload fields holding its secret. */
export interface Proof {
  readonly headers: readonly string[];
  readonly fields: readonly string[];
}

export function proofOf(settings: Pick<SourceSettings, "verification">): Proof {
  const scheme = schemeOf(settings.verification);
  return { headers: scheme.proofHeaders(settings.verification).map((h) => h.toLowerCase()), fields: scheme.secretFields ?? [] };
}

const NO_PROOF: Proof = { headers: [], fields: [] };

/**
 * How a body reads best, for a person: pretty JSON, form fields, text, or hex for bytes that are
 * not text; `secretFields` masked. A body that should hold secret fields but is not JSON is not
 * shown, since they cannot be found in it.
 */
export function readableBody(body: Buffer, contentType: string | undefined, secretFields: readonly string[] = []): { body: string; bodyFormat: "json" | "form" | "text" | "hex" } {
  const text = body.toString("utf8");
  // eslint-disable-next-line no-control-regex -- a body with control characters (but tab, newlines, form feed) is shown as hex, not as text.
  const isText = Buffer.from(text, "utf8").equals(body) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  let json: unknown;
  try {
    json = isText ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (json !== undefined) return { body: JSON.stringify(redactFields(json, secretFields, MASK), null, 2), bodyFormat: "json" };
  if (secretFields.length > 0) return { body: `(not shown: this source's body carries its secret, and this one is not JSON, ${body.length} bytes)`, bodyFormat: "text" };
  if (!isText) return { body: hexDump(body), bodyFormat: "hex" };
  if (contentType?.startsWith(FORM_CONTENT)) return { body: [...new URLSearchParams(text)].map(([k, v]) => `${k} = ${v}`).join("\n"), bodyFormat: "form" };
  return { body: text, bodyFormat: "text" };
}

function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, 4096); at += 16) {
    const row = bytes.subarray(at, at + 16);
    lines.push(`${at.toString(16).padStart(6, "0")}  ${[...row].map((b) => b.toString(16).padStart(2, "0")).join(" ").padEnd(47)}  ${[...row].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join("")}`);
  }
  if (bytes.length > 4096) lines.push(`… ${bytes.length - 4096} more bytes`);
  return lines.join("\n");
}

interface Entry {
  summary: DeliverySummary;
  /** The envelope as queued, for a re-send: never served, its headers hold signatures. */
  envelope?: string;
  timeline: DeliveryDetail["timeline"];
  request?: DeliveryDetail["request"];
  eventId?: string;
  detailType?: string;
}

/**
 * Every delivery the twin has seen, newest first, built from its events: at most `capacity` kept
 * (the oldest go first), so that a flood leaves the console's memory bounded. `changed` tells which
 * deliveries moved since it was last read, for the page's batched updates.
 */
export class DeliveryLog {
  private readonly entries = new Map<string, Entry>();
  private readonly byDeliveryId = new Map<string, string>();
  /** The message each request was last queued as, by source and API request id. */
  private readonly byRequest = new Map<string, string>();
  private readonly changedIds = new Set<string>();
  private local = 0;

  /**
   * @param capacity deliveries kept, newest first
   * @param proofs where each source's requests carry their proof, which is masked
   */
  constructor(
    private readonly capacity = 2_000,
    private readonly proofs: Readonly<Record<string, Proof>> = {},
  ) {}

  /** Keeps the request a queued message carries: its envelope, read as the API wrote it. */
  queued(messageId: string, envelopeBody: string): void {
    try {
      const envelope = parseEnvelope(envelopeBody);
      const body = rawBody(envelope);
      // The same envelope queued again (a redrive, a release; its request id and all) takes the
      // earlier one's place. The same request sent again (a re-send) is a new request: the earlier
      // stays where it rests.
      const request = `${envelope.source}/${envelope.requestId}`;
      const earlier = this.byRequest.get(request);
      this.byRequest.delete(request);
      this.byRequest.set(request, messageId);
      if (this.byRequest.size > this.capacity) this.byRequest.delete(this.byRequest.keys().next().value!);
      const before = earlier !== undefined && earlier !== messageId ? this.entries.get(earlier) : undefined;
      if (before && (before.summary.status === "dead-lettered" || before.summary.status === "rejected")) {
        before.summary = { ...before.summary, status: "requeued", detail: `as ${messageId}`, updatedAt: new Date().toISOString() };
        before.timeline.push({ at: new Date().toISOString(), step: "requeued", text: `moved back to the queue as ${messageId}` });
        this.changedIds.add(earlier!);
      }
      const entry = this.entry(messageId, new Date(envelope.receivedAt), envelope.source, envelope.deliveryId);
      entry.envelope = envelopeBody;
      const proof = Object.prototype.hasOwnProperty.call(this.proofs, envelope.source) ? this.proofs[envelope.source] : NO_PROOF;
      const masked = (name: string) => proof.headers.includes(name.toLowerCase()) || SECRET_HEADER.test(name);
      entry.request = {
        contentType: envelope.contentType,
        headers: Object.fromEntries(Object.entries(envelope.headers).map(([name, value]) => [name, masked(name) ? MASK : value])),
        ...readableBody(body, envelope.contentType, proof.fields),
        bodyBytes: body.length,
      };
      const eventType = Object.entries(envelope.headers).find(([name]) => /event|topic/i.test(name) && !SECRET_HEADER.test(name))?.[1];
      if (eventType) entry.summary = { ...entry.summary, eventType };
      this.changedIds.add(messageId);
    } catch {
      // Not an envelope (a tool's test message): nothing to show of it.
    }
  }

  /** Moves a delivery along its path. */
  record(event: DeliveryEvent): void {
    if (event.step === "event") {
      const id = event.deliveryId && this.byDeliveryId.get(`${event.source}/${event.deliveryId}`);
      const entry = id && this.entries.get(id);
      if (entry) {
        entry.eventId = event.eventId;
        entry.detailType = event.detailType;
        entry.summary = { ...entry.summary, eventType: entry.summary.eventType ?? event.detailType };
        this.note(id, entry, event);
      }
      return;
    }
    if (event.step === "redriven") return;
    const id = event.messageId ?? `local-${++this.local}`;
    const entry = this.entry(id, event.at, event.source, event.deliveryId);
    const status = statusOf(event);
    if (status) entry.summary = { ...entry.summary, ...status };
    this.note(id, entry, event);
  }

  /** The newest deliveries matching the filter, at most `limit`. */
  list(filter: { source?: string; status?: string; text?: string } = {}, limit = 200): DeliverySummary[] {
    const text = filter.text?.toLowerCase();
    const found: DeliverySummary[] = [];
    for (const { summary } of [...this.entries.values()].reverse()) {
      if (filter.source && summary.source !== filter.source) continue;
      if (filter.status && summary.status !== filter.status) continue;
      if (text && ![summary.id, summary.source, summary.deliveryId, summary.eventType, summary.detail].some((v) => v?.toLowerCase().includes(text))) continue;
      found.push(summary);
      if (found.length >= limit) break;
    }
    return found;
  }

  /** The envelope a delivery was queued with, for a re-send. */
  envelopeOf(id: string): string | undefined {
    return this.entries.get(id)?.envelope;
  }

  get(id: string): DeliveryDetail | undefined {
    const entry = this.entries.get(id);
    return entry && { ...entry.summary, timeline: entry.timeline, request: entry.request, eventId: entry.eventId, detailType: entry.detailType };
  }

  /** The deliveries that moved since the last call, and forgets them. */
  changed(): DeliverySummary[] {
    const changed = [...this.changedIds].flatMap((id) => this.entries.get(id)?.summary ?? []);
    this.changedIds.clear();
    return changed;
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(id: string, at: Date, source?: string, deliveryId?: string): Entry {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { summary: { id, source, deliveryId, status: "queued", at: at.toISOString(), updatedAt: at.toISOString() }, timeline: [] };
      this.entries.set(id, entry);
      while (this.entries.size > this.capacity) {
        const [oldest] = this.entries.keys();
        this.entries.delete(oldest);
      }
    }
    if (deliveryId && source) this.byDeliveryId.set(`${source}/${deliveryId}`, id);
    if (!entry.summary.source && source) entry.summary = { ...entry.summary, source, deliveryId };
    return entry;
  }

  private note(id: string, entry: Entry, event: DeliveryEvent): void {
    entry.timeline.push({ at: event.at.toISOString(), step: event.step, text: describeStep(event) });
    entry.summary = { ...entry.summary, updatedAt: event.at.toISOString() };
    this.changedIds.add(id);
  }
}

/** What a step makes of a delivery's status; undefined for steps that leave it as it was. */
function statusOf(event: DeliveryEvent): { status: DeliveryStatus; detail?: string } | undefined {
  switch (event.step) {
    case "accepted":
      return { status: "queued", detail: undefined };
    case "refused":
      return { status: "refused", detail: `${event.status}${event.error ? ` ${event.error}` : ""}` };
    case "handshake":
      return { status: "handshake", detail: String(event.status) };
    case "received":
      return { status: "received", detail: event.receiveCount > 1 ? `receive ${event.receiveCount}` : undefined };
    case "verified":
      return { status: "verified", detail: undefined };
    case "rejected":
      return { status: "rejected", detail: event.reason };
    case "processed":
      return { status: "processed", detail: undefined };
    case "retried":
      return { status: "retried", detail: `${event.receiveCount} of ${event.maxReceiveCount ?? "?"}` };
    case "dead-lettered":
      return { status: "dead-lettered", detail: `after ${event.receiveCount} receives` };
    case "requeued":
      return { status: "requeued", detail: undefined };
    default:
      return undefined;
  }
}
