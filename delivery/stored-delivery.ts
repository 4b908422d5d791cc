import { ENVELOPE_VERSION, EnvelopeError, type Envelope } from "./envelope";
import { headerKey } from "./headers";

/**
 * A stored delivery: a route whose bodies may exceed what a queue message holds writes each
 * request's exact bytes to the payload bucket through API Gateway's S3 integration, the request's
 * details in the object's metadata, and S3's event notification queues a pointer to it. This
 * module owns that contract: the metadata the route writes, the notification the queue carries,
 * and the envelope the validate step makes of the two, the same as an inline route's.
 */

/** API Gateway REST's payload limit, 10 MiB, less the 10,240 bytes its headers may take. */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024 - 10_240;

/** Metadata keys (after `x-amz-meta-`), as S3 gives them back: lower case. */
export const STORED_METADATA = {
  requestId: "request-id",
  receivedAt: "received-at",
  sourceIp: "source-ip",
  /** The domain and path the request came in on, or the custom domain's public URL. */
  domain: "domain",
  path: "path",
  publicUrl: "public-url",
  deliveryId: "delivery-id",
} as const;

/** The metadata key of a forwarded header. */
export const headerMetadataKey = (header: string) => `h-${headerKey(header)}`;

/** Where a stored delivery's body is, and what S3 said of it when it was written. */
export interface StoredBodyRef {
  readonly bucket: string;
  readonly key: string;
  /** Bytes, as S3's notification gives them. */
  readonly size: number;
  /** The object's entity tag at its creation: a read must match it, so an overwritten object is never taken for the delivery. */
  readonly eTag: string;
}

/** S3's event notification as it may arrive: each field is checked before it is used. */
interface S3Notification {
  readonly Event?: unknown;
  readonly Records?: unknown;
}

interface S3NotificationRecord {
  readonly eventSource?: unknown;
  readonly eventName?: unknown;
  readonly s3?: { readonly bucket?: { readonly name?: unknown }; readonly object?: { readonly key?: unknown; readonly size?: unknown; readonly eTag?: unknown } };
}

/** What a queue message is: an inline envelope, a pointer to a stored delivery, or S3's test of the notification. */
export type QueuedMessage = { readonly kind: "inline" } | { readonly kind: "stored"; readonly ref: StoredBodyRef } | { readonly kind: "s3-test" };

/**
 * Tells an S3 event notification from an envelope without parsing a large envelope twice: only a
 * message that starts like S3's is parsed here. Throws EnvelopeError for a notification that is
 * not one object created.
 */
export function queuedMessageKind(messageBody: string): QueuedMessage {
  const head = messageBody.slice(0, 64);
  if (!head.includes('"Records"') && !head.includes('"Service"')) return { kind: "inline" };
  let json: S3Notification | null;
  try {
    json = JSON.parse(messageBody) as S3Notification | null;
  } catch {
    throw new EnvelopeError("body is not JSON");
  }
  if (json?.Event === "s3:TestEvent") return { kind: "s3-test" };
  if (!Array.isArray(json?.Records)) return { kind: "inline" };
  const records = json.Records as readonly (S3NotificationRecord | null)[];
  if (records.length !== 1) throw new EnvelopeError(`an S3 notification of ${records.length} records, not 1`);
  const [record] = records;
  const object = record?.s3?.object;
  const bucket = record?.s3?.bucket?.name;
  if (record?.eventSource !== "aws:s3" || !String(record?.eventName).startsWith("ObjectCreated:")) throw new EnvelopeError("an S3 notification that is not an object created");
  if (typeof bucket !== "string" || typeof object?.key !== "string" || !Number.isInteger(object?.size) || typeof object?.eTag !== "string") {
    throw new EnvelopeError("an S3 notification without bucket, key, size and eTag");
  }
  // Notifications give keys form-encoded.
  return { kind: "stored", ref: { bucket, key: decodeURIComponent(object.key.replace(/\+/g, " ")), size: object.size as number, eTag: object.eTag } };
}

/** A stored delivery as read back: its exact bytes, content type and metadata. */
export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * The envelope of a stored delivery, as an inline route's template would have written it (a test
 * holds the two together). `headers` are the source's forwarded headers; absent ones are "".
 * @default headers: those the object's metadata carries (for tools that do not know the source's settings)
 */
export function storedEnvelope(ref: StoredBodyRef, object: StoredObject, headers: readonly string[] = metadataHeaders(object.metadata)): Envelope {
  const slash = ref.key.indexOf("/");
  if (slash <= 0) throw new EnvelopeError("a stored delivery's key names no source");
  const meta = (key: string) => object.metadata[key] ?? "";
  const requestId = meta(STORED_METADATA.requestId);
  const receivedAt = Number(meta(STORED_METADATA.receivedAt));
  if (requestId === "" || !Number.isInteger(receivedAt)) throw new EnvelopeError("a stored delivery without its request id and time");
  return {
    v: ENVELOPE_VERSION,
    source: ref.key.slice(0, slash),
    deliveryId: meta(STORED_METADATA.deliveryId) || requestId,
    receivedAt,
    requestId,
    sourceIp: meta(STORED_METADATA.sourceIp),
    url: meta(STORED_METADATA.publicUrl) || `https://${meta(STORED_METADATA.domain)}${meta(STORED_METADATA.path)}`,
    contentType: object.contentType,
    headers: Object.fromEntries([...new Set(headers.map(headerKey))].map((name) => [name, meta(headerMetadataKey(name))])),
    body: "",
  };
}

/** The forwarded headers a stored object's metadata carries, by name. */
function metadataHeaders(metadata: Readonly<Record<string, string>>): string[] {
  return Object.keys(metadata)
    .filter((key) => key.startsWith("h-"))
    .map((key) => key.slice(2));
}

/** Why a stored delivery's body could not be read as it was written: always retried, never a verdict. */
export class StoredBodyError extends Error {
  constructor(readonly reason: "stored-body-missing" | "stored-body-altered" | "stored-body-unavailable", detail: string) {
    super(detail);
    this.name = "StoredBodyError";
  }
}
