import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { VerifiedEvent } from "./validate-batch";

/** The detail-type of an event whose sender names no type. */
export const DEFAULT_DETAIL_TYPE = "webhook";

/** EventBridge's limit on one PutEvents entry, in bytes. */
const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * A verified delivery as an event on the bus: source `webhooks.<source>`, detail-type the sender's
 * event type, detail the parsed payload and the delivery's metadata. Rules match on these.
 */
export function busEntry(event: VerifiedEvent, eventBusName: string): PutEventsRequestEntry {
  const detail = JSON.stringify({
    metadata: { source: event.source, deliveryId: event.deliveryId, requestId: event.requestId, receivedAt: event.receivedAt },
    payload: event.payload,
  });
  const entry = { EventBusName: eventBusName, Source: `webhooks.${event.source}`, DetailType: event.eventType ?? DEFAULT_DETAIL_TYPE, Detail: detail };
  // EventBridge counts the UTF-8 bytes of Source, DetailType and Detail (and Resources, unused).
  const size = Buffer.byteLength(entry.Source) + Buffer.byteLength(entry.DetailType) + Buffer.byteLength(detail);
  if (size > MAX_ENTRY_BYTES) throw new Error(`the event is ${size} bytes, above EventBridge's ${MAX_ENTRY_BYTES}`);
  return entry;
}
