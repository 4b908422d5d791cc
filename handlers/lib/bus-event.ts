import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { VerifiedEvent } from "./validate-batch";

/** The detail-type of an event whose sender names no type. */
export const DEFAULT_DETAIL_TYPE = "webhook";

/**
 * The largest PutEvents entry put, in bytes. EventBridge takes 1 MB entries since 2026-01-29, but
 * its targets do not all (an SQS queue at provider 5's limit takes 256 KiB): an event any rule can
 * deliver stays within 256 KiB, and a larger payload travels as its reference.
 */
export const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * A verified delivery as an event on the bus: source `webhooks.<source>`, detail-type the sender's
 * event type, detail the parsed payload and the delivery's metadata. Rules match on these. A stored
 * delivery's payload too large for an event is replaced by `payloadRef`: its bucket, key, size and
 * SHA-256, which a consumer granted `grantReadPayloads` reads.
 */
export function busEntry(event: VerifiedEvent, eventBusName: string, payload: unknown = event.payload): PutEventsRequestEntry {
  const metadata = { source: event.source, deliveryId: event.deliveryId, requestId: event.requestId, receivedAt: event.receivedAt };
  const entry = (detail: string) => ({ EventBusName: eventBusName, Source: `webhooks.${event.source}`, DetailType: event.eventType ?? DEFAULT_DETAIL_TYPE, Detail: detail });
  // EventBridge counts the UTF-8 bytes of Source, DetailType and Detail (and Resources, unused).
  const sizeOf = (e: ReturnType<typeof entry>) => Buffer.byteLength(e.Source) + Buffer.byteLength(e.DetailType) + Buffer.byteLength(e.Detail);
  const inline = payload === undefined ? undefined : entry(JSON.stringify({ metadata, payload }));
  if (inline && sizeOf(inline) <= MAX_ENTRY_BYTES) return inline;
  if (event.payloadRef) {
    const { secretFields: _omitted, ...payloadRef } = event.payloadRef;
    return entry(JSON.stringify({ metadata, payloadRef }));
  }
  const size = inline ? sizeOf(inline) : 0;
  throw new Error(`the event is ${size} bytes, above EventBridge's ${MAX_ENTRY_BYTES}`);
}
