import { EnvelopeError, parseEnvelope, rawBody } from "../../delivery/envelope";

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
  /** Why the message is not a readable envelope, if it is not. */
  readonly problem?: string;
}

/** Describes a message body that should be an envelope. */
export function summarizeEnvelope(messageBody: string, withBody: boolean): EnvelopeSummary {
  try {
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
