import { z } from "zod";
import { describeIssues } from "./zod-issues";

/**
 * The envelope: what the API's mapping template makes of each request, and the SQS message body.
 * This module owns the contract; the template builder and the handlers both read it from here.
 */
export const ENVELOPE_VERSION = 1;

export const envelopeSchema = z.object({
  /** Format version, so a handler can refuse an envelope it does not understand. */
  v: z.literal(ENVELOPE_VERSION),
  /** The source's name, as in the route `POST /webhooks/{source}`. */
  source: z.string().min(1),
  /** The sender's delivery id header where it has one, else the API request id. */
  deliveryId: z.string().min(1),
  /** When API Gateway received the request, in epoch milliseconds. */
  receivedAt: z.number().int().nonnegative(),
  /** API Gateway's request id. */
  requestId: z.string().min(1),
  sourceIp: z.string(),
  /** The public URL as the sender used it (some schemes sign it). */
  url: z.string(),
  contentType: z.string(),
  /** Only the headers the source's verification needs, names lower-cased; absent headers are "". */
  headers: z.record(z.string()),
  /** The raw request body, base64: signatures cover exact bytes. Checked as it is decoded (rawBody). */
  body: z.string(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

/** The envelope's field names, in the order the mapping template writes them. */
export const ENVELOPE_FIELDS = Object.keys(envelopeSchema.shape) as (keyof Envelope)[];

/** Raised for a message body that is not an envelope of this version; `reason` is safe to log. */
export class EnvelopeError extends Error {
  constructor(readonly reason: string) {
    super(`not a valid envelope: ${reason}`);
    this.name = "EnvelopeError";
  }
}

/** Parses an SQS message body into an envelope, or throws an EnvelopeError saying what is wrong. */
export function parseEnvelope(messageBody: string): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(messageBody);
  } catch {
    // Not the parser's message: it quotes the text it failed on, which is not ours to log.
    throw new EnvelopeError("body is not JSON");
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new EnvelopeError(describeIssues(parsed.error.issues).join("; "));
  }
  return parsed.data;
}

/**
 * The exact bytes the sender sent. Node's decoder skips characters that are not base64, so a body
 * that decodes to fewer bytes than its length promises was not base64: it throws EnvelopeError.
 * (This check costs nothing extra; a regex over a 64 KiB body took a third of a verification.)
 */
export function rawBody(envelope: Envelope): Buffer {
  const text = envelope.body;
  const decoded = Buffer.from(text, "base64");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (text.length % 4 !== 0 || decoded.length !== (text.length / 4) * 3 - padding) throw new EnvelopeError("body: must be base64");
  return decoded;
}
