import type { IncomingMessage, ServerResponse } from "node:http";
import { parseEnvelope } from "../../../delivery/envelope";
import type { QuarantineAttributes } from "../../../delivery/quarantine";
import { describeStep, type DeliveryEvent } from "../../../local/delivery-path";
import type { PutEvent } from "../../../local/event-bridge";
import type { FaultTarget, InjectedFailure } from "../../../local/faults";
import type { TwinExtension } from "../../../local/twin";
import { DELIVERY_KINDS, type DeliveryKind, type PlannedDelivery } from "./plan";

/** One planned delivery as its sender sent it. */
export interface SentDelivery {
  readonly planned: PlannedDelivery;
  /** Every status the API answered, in order: a sender retries a 5xx or a 429. */
  readonly answers: readonly number[];
  /** The queue's message id, from the answer 200. */
  readonly messageId?: string;
}

/** A message at rest in the quarantine or the DLQ: its body (the envelope) and attributes. */
export interface RestingMessage {
  readonly body: string;
  readonly attributes?: QuarantineAttributes;
}

/** What the pipeline did, at one moment: after the faults, or after the redrive. */
export interface Snapshot {
  readonly events: readonly DeliveryEvent[];
  readonly bus: readonly PutEvent[];
  readonly quarantine: readonly RestingMessage[];
  readonly deadLetterQueue: readonly RestingMessage[];
  /** Messages still on the deliveries queue. */
  readonly left: number;
}

/** Everything the accounting reads. */
export interface SoakRecords {
  readonly sent: readonly SentDelivery[];
  /** Every envelope queued on the deliveries queue, by message id: the API's, a release's, a redrive's. */
  readonly queued: ReadonlyMap<string, string>;
  readonly afterFaults: Snapshot;
  readonly afterRedrive: Snapshot;
  readonly injected: readonly InjectedFailure[];
}

/**
 * The soak's witness on the twin: every envelope queued and every step told, as a twin extension
 * (it serves nothing).
 */
export class SoakLedger implements TwinExtension {
  readonly prefix = "/_soak";
  /** Every envelope queued on the deliveries queue, by message id. */
  readonly envelopes = new Map<string, string>();
  readonly events: DeliveryEvent[] = [];

  event(event: DeliveryEvent): void {
    this.events.push(event);
  }

  queued(messageId: string, body: string): void {
    this.envelopes.set(messageId, body);
  }

  serve(_request: IncomingMessage, _body: Buffer, response: ServerResponse): Promise<void> {
    response.writeHead(404).end();
    return Promise.resolve();
  }
}

/**
 * What a retry step says happened: a fault the soak injected, or one of the retries that are no
 * fault: a function's reserved concurrency throttling an invocation (capacity), or a claim an
 * earlier-received copy took over (arrival order; retried, the delivery becomes a replay).
 */
type Cause = FaultTarget | "reserved-concurrency" | "claim-taken-over";

const NO_FAULT: ReadonlySet<Cause> = new Set(["reserved-concurrency", "claim-taken-over"]);

/** Why a retry happened, told by a step, and the fault that causes such a retry. */
const CAUSES: readonly [RegExp, Cause][] = [
  // A throttled item names the exception; a throttled batch carries only its message.
  [/TooManyRequestsException|Rate Exceeded\. \(Service: Lambda/, "reserved-concurrency"],
  [/ClaimLostError/, "claim-taken-over"],
  [/^secret-(refresh-)?unavailable$/, "secretsmanager"],
  [/^replay-check-unavailable$/, "dynamodb"],
  [/^quarantine-unavailable$/, "quarantine"],
  [/EventBridge did not take the event/, "eventbridge-entries"],
  [/InternalException|eventbridge is unavailable/i, "eventbridge"],
  [/Idempotency|ProvisionedThroughputExceeded|InternalServerError|dynamodb is unavailable/, "dynamodb"],
  [/could not run the function/, "process-before"],
  [/result was lost after it ran/, "process-after"],
];

/** What a retry step points at, or undefined for a retry nothing known explains. */
function causeOf(step: DeliveryEvent): Cause | undefined {
  const text = step.step === "not-validated" ? step.reason : step.step === "processing-failed" || step.step === "batch-failed" ? step.error : undefined;
  if (text === undefined) return undefined;
  // A whole batch fails only in the validate step (a process failure is one item's).
  if (step.step === "batch-failed") return /could not run/.test(text) ? "validate-before" : /result was lost/.test(text) ? "validate-after" : causeFromText(text);
  return causeFromText(text);
}

const causeFromText = (text: string) => CAUSES.find(([pattern]) => pattern.test(text))?.[1];

/** What became of one accepted delivery, as its steps tell. */
type Fate = { readonly kind: "processed" } | { readonly kind: "rejected"; readonly reason: string; readonly heldBy?: string } | { readonly kind: "dead-lettered" } | { readonly kind: "in flight" };

export interface KindRow {
  readonly kind: DeliveryKind;
  readonly planned: number;
  readonly accepted: number;
  /** Refused at the edge, by status, after the sender's retries. */
  readonly refused: Readonly<Record<string, number>>;
  readonly processed: number;
  readonly quarantined: Readonly<Record<string, number>>;
  readonly deadLettered: number;
  /** After the redrive. */
  readonly processedAfterRedrive: number;
  readonly quarantinedAfterRedrive: number;
}

export interface SoakReport {
  readonly kinds: readonly KindRow[];
  /** Deliveries in the DLQ after the faults, by the fault that exhausted their retries. */
  readonly deadLetteredBy: Readonly<Record<string, number>>;
  /** Failures each fault injected. */
  readonly injected: Readonly<Record<string, number>>;
  /** Retries, by the reason the validate step gave or the error processing met. */
  readonly retried: Readonly<Record<string, number>>;
  /** Events put on the bus more than once for one delivery, each tied to the DynamoDB failure that caused it. */
  readonly duplicateEvents: number;
  /** Rejected deliveries quarantined more than once, each tied to a validate result lost after it ran. */
  readonly duplicateQuarantines: number;
  readonly violations: readonly string[];
}

interface Accepted {
  readonly sent: SentDelivery;
  readonly requestId: string;
  readonly envelope: string;
  /** The id the pipeline processes it by: its delivery id header, Stripe's event id, else the API's request id. */
  readonly identity: string;
  /** Every message id it had on the queue. */
  readonly messageIds: readonly string[];
}

/** The whole accounting: what each delivery became, against what it should have, with every violation. */
export function accountSoak(records: SoakRecords): SoakReport {
  const violations: string[] = [];
  const byRequest = new Map<string, string[]>();
  for (const [messageId, body] of records.queued) {
    const requestId = safeEnvelope(body)?.requestId;
    if (requestId !== undefined) byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), messageId]);
  }
  const accepted: Accepted[] = [];
  for (const sent of records.sent) {
    if (sent.messageId === undefined) continue;
    const envelope = records.queued.get(sent.messageId);
    const parsed = envelope === undefined ? undefined : safeEnvelope(envelope);
    if (!envelope || !parsed) {
      violations.push(`delivery ${sent.planned.index} was answered 200 (${sent.messageId}) but nothing was queued`);
      continue;
    }
    const identity = sent.planned.source === "stripe" ? (JSON.parse(sent.planned.body) as { id: string }).id : parsed.deliveryId;
    accepted.push({ sent, requestId: parsed.requestId, envelope, identity, messageIds: byRequest.get(parsed.requestId) ?? [sent.messageId] });
  }

  const fatesAfterFaults = new Map(accepted.map((a) => [a, fateOf(a, records.afterFaults.events)]));
  const fatesAfterRedrive = new Map(accepted.map((a) => [a, fateOf(a, records.afterRedrive.events)]));
  const injectedTargets = new Set(records.injected.map((i) => i.target));

  // Nothing left in flight, and every DLQ entry explained by the fault that exhausted its retries.
  if (records.afterFaults.left > 0) violations.push(`${records.afterFaults.left} message(s) still on the queue after it drained`);
  if (records.afterRedrive.left > 0) violations.push(`${records.afterRedrive.left} message(s) still on the queue after the redrive drained`);
  const deadLetteredBy: Record<string, number> = {};
  for (const a of accepted) {
    if (fatesAfterFaults.get(a)!.kind === "in flight") violations.push(`delivery ${a.sent.planned.index} (${a.sent.planned.kind}) has no verdict and is not in the DLQ`);
    if (fatesAfterFaults.get(a)!.kind !== "dead-lettered") continue;
    const retries = stepsOf(a, records.afterFaults.events).filter((s) => s.step === "not-validated" || s.step === "processing-failed" || s.step === "batch-failed");
    const causes = retries.map(causeOf);
    // Every retry has a known cause, and the last, which exhausted the receives, is an injected fault.
    const last = causes.filter((c): c is FaultTarget => c !== undefined && !NO_FAULT.has(c)).pop();
    if (last === undefined || causes.some((c) => c === undefined) || !injectedTargets.has(last)) {
      violations.push(`delivery ${a.sent.planned.index} is in the DLQ with no injected fault to explain it${timeline(a, records)}`);
      continue;
    }
    deadLetteredBy[last] = (deadLetteredBy[last] ?? 0) + 1;
  }
  if (records.afterRedrive.deadLetterQueue.length > 0) violations.push(`${records.afterRedrive.deadLetterQueue.length} message(s) in the DLQ after the faults ended and the redrive ran`);

  const duplicateEvents = checkContents(accepted, fatesAfterRedrive, records, violations);
  const duplicateQuarantines = checkQuarantine(accepted, fatesAfterRedrive, records, violations);
  checkVerdicts(accepted, fatesAfterRedrive, violations);

  const injected: Record<string, number> = {};
  for (const { target } of records.injected) injected[target] = (injected[target] ?? 0) + 1;
  const retried: Record<string, number> = {};
  for (const step of records.afterRedrive.events) {
    const reason = step.step === "not-validated" ? step.reason : step.step === "processing-failed" || step.step === "batch-failed" ? step.error.split(":")[0] : undefined;
    if (reason !== undefined) retried[reason] = (retried[reason] ?? 0) + 1;
  }
  return { kinds: kindRows(records.sent, accepted, fatesAfterFaults, fatesAfterRedrive), deadLetteredBy, injected, retried, duplicateEvents, duplicateQuarantines, violations };
}

function safeEnvelope(body: string) {
  try {
    return parseEnvelope(body);
  } catch {
    return undefined;
  }
}

/** Each snapshot's steps by message id, with their places in it, built once: a run of 100,000 deliveries tells about a million. */
const stepsByMessage = new WeakMap<readonly DeliveryEvent[], Map<string, { readonly at: number; readonly event: DeliveryEvent }[]>>();

/** A delivery's steps, in the order told, across every message id it had. */
function stepsOf(a: Accepted, events: readonly DeliveryEvent[]): DeliveryEvent[] {
  let index = stepsByMessage.get(events);
  if (!index) {
    const built = new Map<string, { at: number; event: DeliveryEvent }[]>();
    events.forEach((event, at) => {
      if (event.messageId === undefined) return;
      const steps = built.get(event.messageId);
      if (steps) steps.push({ at, event });
      else built.set(event.messageId, [{ at, event }]);
    });
    stepsByMessage.set(events, built);
    index = built;
  }
  const found = a.messageIds.flatMap((id) => index.get(id) ?? []);
  return found.sort((x, y) => x.at - y.at).map((step) => step.event);
}

/** A delivery's last word: its verdict or processing, or where it rests. */
function fateOf(a: Accepted, events: readonly DeliveryEvent[]): Fate {
  let fate: Fate = { kind: "in flight" };
  for (const step of stepsOf(a, events)) {
    if (step.step === "processed") fate = { kind: "processed" };
    else if (step.step === "rejected") fate = { kind: "rejected", reason: step.reason, ...(step.heldBy ? { heldBy: step.heldBy.deliveryId } : {}) };
    else if (step.step === "dead-lettered") fate = { kind: "dead-lettered" };
    else if (step.step === "requeued" || step.step === "received") fate = fate.kind === "dead-lettered" ? { kind: "in flight" } : fate;
  }
  return fate;
}

/**
 * Every genuine content processed exactly once: of the deliveries that carry it (a sender's
 * resends, an attacker's replays), one is processed, and every other is the same delivery again or
 * quarantined as a replay naming it. Events on the bus are counted by source and delivery id, as
 * the README promises; one put twice is allowed only where DynamoDB failed between the put and its
 * record, and is counted.
 */
function checkContents(accepted: readonly Accepted[], fates: ReadonlyMap<Accepted, Fate>, records: SoakRecords, violations: string[]): number {
  const groups = new Map<number, Accepted[]>();
  for (const a of accepted) {
    const { kind, index, of } = a.sent.planned;
    if (kind === "genuine" || kind === "resent" || kind === "replayed") groups.set(of ?? index, [...(groups.get(of ?? index) ?? []), a]);
  }
  const busCount = new Map<string, number>();
  for (const event of records.afterRedrive.bus) {
    const { metadata } = JSON.parse(event.Detail) as { metadata: { source: string; deliveryId: string } };
    const key = `${metadata.source}/${metadata.deliveryId}`;
    busCount.set(key, (busCount.get(key) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const [content, group] of groups) {
    const source = group[0].sent.planned.source;
    const identities = [...new Set(group.map((a) => a.identity))];
    const onBus = identities.filter((id) => busCount.has(`${source}/${id}`));
    if (onBus.length !== 1) {
      violations.push(`content ${content} (${source}) reached the bus under ${onBus.length} delivery ids (${onBus.join(", ") || "none"}): once is promised`);
      continue;
    }
    const [holder] = onBus;
    const puts = busCount.get(`${source}/${holder}`)!;
    if (puts > 1) {
      const explained = group.some((a) => a.identity === holder && stepsOf(a, records.afterRedrive.events).some((s) => s.step === "processing-failed" && /Idempotency|success record/i.test(s.error)));
      if (explained) duplicates += puts - 1;
      else violations.push(`content ${content} (${source}) was put on the bus ${puts} times with no DynamoDB failure between put and record to explain it`);
    }
    for (const a of group) {
      const fate = fates.get(a)!;
      if (a.identity === holder) {
        if (fate.kind !== "processed") violations.push(`delivery ${a.sent.planned.index} (${a.sent.planned.kind}) is the content's holder but ended ${describeFate(fate)}${timeline(a, records)}`);
      } else if (!(fate.kind === "rejected" && fate.reason === "replay" && fate.heldBy === holder)) {
        violations.push(`delivery ${a.sent.planned.index} (${a.sent.planned.kind}) repeats content ${content} held by ${holder} but ended ${describeFate(fate)}${timeline(a, records)}`);
      }
    }
  }
  return duplicates;
}

/**
 * Every rejected delivery in the quarantine, byte for byte: once, or more where the validate
 * step's result was lost after it had quarantined it (it runs again), which is counted.
 */
function checkQuarantine(accepted: readonly Accepted[], fates: ReadonlyMap<Accepted, Fate>, records: SoakRecords, violations: string[]): number {
  const copies = new Map<string, RestingMessage[]>();
  for (const message of records.afterRedrive.quarantine) {
    const requestId = safeEnvelope(message.body)?.requestId ?? "";
    copies.set(requestId, [...(copies.get(requestId) ?? []), message]);
  }
  let duplicates = 0;
  for (const a of accepted) {
    const fate = fates.get(a)!;
    const kept = copies.get(a.requestId) ?? [];
    if (fate.kind !== "rejected") {
      if (kept.length > 0) violations.push(`delivery ${a.sent.planned.index} ended ${describeFate(fate)} but rests in the quarantine`);
      continue;
    }
    if (kept.length === 0) violations.push(`delivery ${a.sent.planned.index} was rejected (${fate.reason}) but is not in the quarantine`);
    for (const message of kept) {
      if (message.body !== a.envelope) violations.push(`delivery ${a.sent.planned.index} is in the quarantine, but not byte for byte as it was queued`);
      if (message.attributes?.reason !== fate.reason) violations.push(`delivery ${a.sent.planned.index} is quarantined as ${message.attributes?.reason}, rejected as ${fate.reason}`);
    }
    if (kept.length > 1) {
      const lost = stepsOf(a, records.afterRedrive.events).some((s) => s.step === "batch-failed" && /result was lost/.test(s.error));
      if (lost) duplicates += kept.length - 1;
      else violations.push(`delivery ${a.sent.planned.index} is in the quarantine ${kept.length} times, with no lost validate result to explain it`);
    }
  }
  return duplicates;
}

/** What each kind must end as: a forgery never processed, a genuine delivery never judged forged. */
function checkVerdicts(accepted: readonly Accepted[], fates: ReadonlyMap<Accepted, Fate>, violations: string[]): void {
  for (const a of accepted) {
    const fate = fates.get(a)!;
    const { kind, index } = a.sent.planned;
    if (kind === "forged" && !(fate.kind === "rejected" && fate.reason === "signature-mismatch")) violations.push(`forged delivery ${index} ended ${describeFate(fate)}`);
    if (kind === "invalid" && !(fate.kind === "rejected" && fate.reason === "invalid-payload")) violations.push(`invalid delivery ${index} ended ${describeFate(fate)}`);
    if (kind !== "forged" && kind !== "invalid" && fate.kind === "rejected" && fate.reason !== "replay") violations.push(`${kind} delivery ${index} was rejected as ${fate.reason}`);
  }
}

/** A delivery's steps, for a violation: what happened to it, in order. */
function timeline(a: Accepted, records: SoakRecords): string {
  return `; its steps: ${stepsOf(a, records.afterRedrive.events).map(describeStep).join("; ")}`;
}

function describeFate(fate: Fate): string {
  return fate.kind === "rejected" ? `rejected (${fate.reason}${fate.heldBy ? `, held by ${fate.heldBy}` : ""})` : fate.kind;
}

function kindRows(sent: readonly SentDelivery[], accepted: readonly Accepted[], afterFaults: ReadonlyMap<Accepted, Fate>, afterRedrive: ReadonlyMap<Accepted, Fate>): KindRow[] {
  return DELIVERY_KINDS.map((kind) => {
    const mine = accepted.filter((a) => a.sent.planned.kind === kind);
    const refused: Record<string, number> = {};
    for (const s of sent.filter((s) => s.planned.kind === kind && s.messageId === undefined)) {
      const status = String(s.answers.at(-1) ?? "no answer");
      refused[status] = (refused[status] ?? 0) + 1;
    }
    const quarantined: Record<string, number> = {};
    for (const a of mine) {
      const fate = afterFaults.get(a)!;
      if (fate.kind === "rejected") quarantined[fate.reason] = (quarantined[fate.reason] ?? 0) + 1;
    }
    const count = (fates: ReadonlyMap<Accepted, Fate>, of: Fate["kind"]) => mine.filter((a) => fates.get(a)!.kind === of).length;
    return {
      kind,
      planned: sent.filter((s) => s.planned.kind === kind).length,
      accepted: mine.length,
      refused,
      processed: count(afterFaults, "processed"),
      quarantined,
      deadLettered: count(afterFaults, "dead-lettered"),
      processedAfterRedrive: count(afterRedrive, "processed"),
      quarantinedAfterRedrive: count(afterRedrive, "rejected"),
    };
  });
}
