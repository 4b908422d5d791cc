import { EnvelopeError, parseEnvelope, rawBody } from "../../delivery/envelope";
import { queuedMessageKind, storedEnvelope, type StoredBodyRef, type StoredObject } from "../../delivery/stored-delivery";

/** A queued delivery as the operator tools show it: what it is, never its signature or secret values. */
export interface EnvelopeSummary {
  readonly source?: string;
  readonly deliveryId?: string;
  readonly receivedAt?: string;
  readonly contentType?: string;
  /** Names of the forwarded headers; their values (signatures, credentials) are not shown. */
  readonly headers?: string[];
  readonly bodyBytes?: number;
  /** The raw body, when asked for. */
  readonly body?: string;
  /** Where a stored delivery's body is: its message carries only the pointer. */
  readonly stored?: string;
  /** Why the message is not a readable envelope, if it is not. */
  readonly problem?: string;
}

/** Describes a message body that should be an envelope. */
export function summarizeEnvelope(messageBody: string, withBody: boolean): EnvelopeSummary {
  try {
    const kind = queuedMessageKind(messageBody);
    if (kind.kind === "s3-test") return { problem: "S3's test of the payload bucket's notification, no delivery" };
    if (kind.kind === "stored") return { source: kind.ref.key.split("/")[0], stored: `s3://${kind.ref.bucket}/${kind.ref.key}`, bodyBytes: kind.ref.size };
    const envelope = parseEnvelope(messageBody);
    const body = rawBody(envelope);
    return {
      source: envelope.source,
      deliveryId: envelope.deliveryId,
      receivedAt: new Date(envelope.receivedAt).toISOString(),
      contentType: envelope.contentType,
      headers: Object.keys(envelope.headers),
      bodyBytes: body.length,
      ...(withBody ? { body: body.toString("utf8") } : {}),
    };
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    return { problem: error.message };
  }
}

/** Reads a stored delivery's object, as the validate step does (its entity tag must match). */
export type ReadStored = (ref: StoredBodyRef) => Promise<StoredObject>;

/**
 * Describes a queued message like `summarizeEnvelope`, a stored delivery's from its object where
 * `readStored` can read it: its id, time, headers and, when asked, its body. An object that cannot
 * be read is said so; the message is described by its pointer.
 */
export async function summarizeMessage(messageBody: string, withBody: boolean, readStored?: ReadStored): Promise<EnvelopeSummary> {
  const summary = summarizeEnvelope(messageBody, withBody);
  if (!summary.stored || !readStored) return summary;
  const kind = queuedMessageKind(messageBody);
  if (kind.kind !== "stored") return summary;
  try {
    const object = await readStored(kind.ref);
    const envelope = storedEnvelope(kind.ref, object);
    return {
      ...summary,
      deliveryId: envelope.deliveryId,
      receivedAt: new Date(envelope.receivedAt).toISOString(),
      contentType: envelope.contentType,
      headers: Object.keys(envelope.headers),
      ...(withBody ? { body: object.body.toString("utf8") } : {}),
    };
  } catch (error) {
    return { ...summary, problem: `its stored body could not be read: ${(error as Error).message}` };
  }
}
