import { parseEnvelope } from "../delivery/envelope";
import { queuedMessageKind, STORED_METADATA } from "../delivery/stored-delivery";

/** Where a delivery is on its path through the twin; what the terminal shows, one line each. */
export type DeliveryStep =
  | { readonly step: "accepted"; readonly status: number; readonly messageId: string }
  | { readonly step: "refused"; readonly status: number; readonly route?: string; readonly error?: string }
  | { readonly step: "handshake"; readonly status: number; readonly route: string }
  | { readonly step: "received"; readonly receiveCount: number }
  | { readonly step: "verified" }
  | { readonly step: "rejected"; readonly reason: string; readonly quarantineMessageId?: string; readonly heldBy?: { readonly deliveryId: string; readonly receivedAt: number } }
  | { readonly step: "requeued" }
  | { readonly step: "not-validated"; readonly reason: string }
  | { readonly step: "processed"; readonly eventId?: string }
  | { readonly step: "processing-failed"; readonly error: string }
  | { readonly step: "batch-failed"; readonly error: string }
  | { readonly step: "retried"; readonly receiveCount: number; readonly maxReceiveCount?: number }
  | { readonly step: "dead-lettered"; readonly receiveCount: number }
  | { readonly step: "redriven"; readonly messages: number }
  | { readonly step: "event"; readonly eventBusName: string; readonly detailType: string; readonly eventId: string };

/** A step, with the delivery it concerns, where known. */
export type DeliveryEvent = DeliveryStep & {
  readonly at: Date;
  readonly messageId?: string;
  readonly source?: string;
  readonly deliveryId?: string;
};

/**
 * The source and delivery id of a queued message, read from its envelope, or for a stored delivery
 * from its key and its object's metadata; nothing for a body that is neither.
 */
export function describeMessage(body: string, storedObject?: (bucket: string, key: string) => { readonly metadata: Readonly<Record<string, string>> } | undefined): { source?: string; deliveryId?: string } {
  try {
    const kind = queuedMessageKind(body);
    if (kind.kind === "s3-test") return {};
    if (kind.kind === "stored") {
      const metadata = storedObject?.(kind.ref.bucket, kind.ref.key)?.metadata ?? {};
      const deliveryId = metadata[STORED_METADATA.deliveryId] || metadata[STORED_METADATA.requestId];
      return { source: kind.ref.key.split("/")[0], ...(deliveryId ? { deliveryId } : {}) };
    }
    const { source, deliveryId } = parseEnvelope(body);
    return { source, deliveryId };
  } catch {
    return {};
  }
}

/** What the validate function answers, as far as the twin reads it. */
interface ValidateAnswer {
  readonly items: readonly {
    readonly messageId: string;
    readonly outcome: string;
    readonly reason: string;
    readonly quarantineMessageId?: string;
    readonly heldBy?: { readonly deliveryId: string; readonly receivedAt: number };
  }[];
}

/** What the process function answers. */
interface ProcessAnswer {
  readonly eventId?: string;
}

/**
 * The steps a Lambda invocation tells, read from the shapes of this project's handlers: the
 * validate function answers `{items}`, one verdict per record; the process function takes
 * `{messageId, event}`. Other functions tell nothing.
 */
export function stepsOfInvocation(payload: unknown, outcome: { result: unknown } | { error: Error }): { messageId: string; step: DeliveryStep }[] {
  // A function may answer anything, a primitive included: read as the answers it may be, never assumed.
  const answer = "result" in outcome ? (outcome.result as Partial<ValidateAnswer & ProcessAnswer> | null | undefined) : undefined;
  if (Array.isArray(answer?.items)) {
    // S3's test of a bucket's notification is no delivery: it has no step to tell.
    return answer.items.filter((item) => item.outcome !== "ignored").map((item) => ({
      messageId: item.messageId,
      step:
        item.outcome === "verified"
          ? { step: "verified" }
          : item.outcome === "rejected"
            ? { step: "rejected", reason: item.reason, quarantineMessageId: item.quarantineMessageId, ...(item.heldBy ? { heldBy: item.heldBy } : {}) }
            : { step: "not-validated", reason: item.reason },
    }));
  }
  const processInput = payload as { readonly messageId?: unknown; readonly event?: unknown } | null;
  if (typeof processInput?.messageId === "string" && processInput.event) {
    return [
      {
        messageId: processInput.messageId,
        step: "error" in outcome ? { step: "processing-failed", error: `${outcome.error.name}: ${outcome.error.message}` } : { step: "processed", eventId: answer?.eventId },
      },
    ];
  }
  return [];
}

const WORDS: { readonly [K in DeliveryStep["step"]]: (step: Extract<DeliveryStep, { step: K }>) => string } = {
  accepted: (s) => `accepted (${s.status}), queued as ${s.messageId}`,
  refused: (s) => `refused with ${s.status}${s.error ? `: ${s.error}` : ""}`,
  handshake: (s) => `handshake answered ${s.status}, nothing queued`,
  received: (s) => (s.receiveCount > 1 ? `received again (receive ${s.receiveCount})` : "received by the pipe"),
  verified: () => "verified",
  rejected: (s) =>
    `rejected: ${s.reason}${s.heldBy ? ` (the content is held by ${s.heldBy.deliveryId}, received ${new Date(s.heldBy.receivedAt).toISOString()})` : ""}, ` +
    `kept in the quarantine${s.quarantineMessageId ? ` as ${s.quarantineMessageId}` : ""} (not retried)`,
  requeued: () => "put back on the queue by a tool (a release from the quarantine)",
  "not-validated": (s) => `not validated: ${s.reason} (retried)`,
  processed: (s) => `processed${s.eventId ? ` (${s.eventId})` : ""}`,
  "processing-failed": (s) => `processing failed: ${s.error}`,
  "batch-failed": (s) => `batch failed, all of it retried: ${s.error}`,
  retried: (s) =>
    s.maxReceiveCount !== undefined && s.receiveCount >= s.maxReceiveCount
      ? `goes to the dead-letter queue after the visibility timeout (receive ${s.receiveCount} of ${s.maxReceiveCount})`
      : `will be retried after the visibility timeout (receive ${s.receiveCount}${s.maxReceiveCount ? ` of ${s.maxReceiveCount}` : ""})`,
  "dead-lettered": (s) => `dead-lettered after ${s.receiveCount} receives`,
  redriven: (s) => `${s.messages} message(s) redriven from the dead-letter queue`,
  event: (s) => `event ${s.detailType} put on ${s.eventBusName}`,
};

/** One terminal line: time, source, delivery id, what happened. */
export function formatDeliveryEvent(event: DeliveryEvent): string {
  const time = event.at.toISOString().slice(11, 23);
  const who = [event.source ?? "-", event.deliveryId ?? event.messageId ?? ""].join(" ").trim();
  return `${time}  ${who.padEnd(48)}  ${describeStep(event)}`;
}

/** What a step did, in words. */
export function describeStep(step: DeliveryStep): string {
  // Each step's words take that step: the lookup cannot carry the pairing, the table's type does.
  return (WORDS[step.step] as (step: DeliveryStep) => string)(step);
}
