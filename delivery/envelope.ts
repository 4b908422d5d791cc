import { z } from "zod";
import { headerKey } from "./headers";
import { javaUrlEncode } from "./java-url-encode";
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

/** What a route puts in its envelopes: the API's mapping template is built from it, and `buildEnvelope` reads it. */
export interface EnvelopeRoute {
  /** The source's name, written into every envelope. */
  readonly source: string;
  /** Headers the source's verification reads; forwarded (lower-cased) in the envelope. */
  readonly headers: readonly string[];
  /** Header carrying the sender's delivery id; the API request id stands in when absent. */
  readonly deliveryIdHeader?: string;
  /**
   * The route's public URL, for a custom domain. @default `https://` + the domain and path the
   * request came in on
   */
  readonly publicUrl?: string;
}

/** A request as API Gateway describes it to an integration. */
export interface ReceivedRequest {
  readonly requestId: string;
  /** When API Gateway received it, in epoch milliseconds. */
  readonly receivedAt: number;
  readonly sourceIp: string;
  readonly domainName: string;
  /** The path, stage included, as `$context.path` gives it. */
  readonly path: string;
  /** Query parameters, decoded, in the order API Gateway lists them. */
  readonly query: Readonly<Record<string, string>>;
  /** Header names as the sender wrote them; of a name given in several cases, the last counts. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * The envelope of a request, exactly as the route's mapping template writes it (a test holds the
 * two together): for an integration that is not the template, such as a function answering
 * handshakes and queueing everything else.
 */
export function buildEnvelope(route: EnvelopeRoute, request: ReceivedRequest): Envelope {
  const value = (name: string) => {
    let found = "";
    for (const [header, text] of Object.entries(request.headers)) if (header.toLowerCase() === name) found = text;
    return found;
  };
  const deliveryIdHeader = route.deliveryIdHeader ? headerKey(route.deliveryIdHeader) : undefined;
  const query = Object.entries(request.query)
    .map(([name, text]) => `${javaUrlEncode(name)}=${javaUrlEncode(text)}`)
    .join("&");
  const base = route.publicUrl ?? `https://${request.domainName}${request.path}`;
  return {
    v: ENVELOPE_VERSION,
    source: route.source,
    deliveryId: (deliveryIdHeader && value(deliveryIdHeader)) || request.requestId,
    receivedAt: request.receivedAt,
    requestId: request.requestId,
    sourceIp: request.sourceIp,
    url: query === "" ? base : `${base}?${query}`,
    contentType: value("content-type"),
    headers: Object.fromEntries([...new Set(route.headers.map(headerKey))].map((name) => [name, value(name)])),
    body: request.body.toString("base64"),
  };
}
