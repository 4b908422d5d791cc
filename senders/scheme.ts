import type { z } from "zod";
import type { EventTypeSource } from "../delivery/event-type";
import { JSON_CONTENT, type ContentType } from "../delivery/payload";
import type { SecretParts, SourceSecrets } from "./source-secret";

/** Everything a scheme may look at, as the API received it. */
export interface SignedRequest {
  /** The raw request body: signatures cover exact bytes, never re-serialized JSON. */
  readonly body: Buffer;
  /** Forwarded headers by lower-case name; "" or absent when the sender did not send one. */
  readonly headers: Readonly<Record<string, string>>;
  /** The public URL as the sender used it, query string included (Twilio signs it). */
  readonly url: string;
  /**
   * When API Gateway received the request, in epoch milliseconds. Replay windows are measured
   * against it rather than the wall clock, so a genuine delivery retried from the queue or redriven
   * from the DLQ hours later still verifies, while a replayed request gets a new receipt time.
   */
  readonly receivedAt: number;
}

/*
 * Handshakes: the synchronous answers some senders need before they deliver anything (Slack's
 * `url_verification`, Meta's `hub.challenge`, X's CRC...). Each is small and pure, like `verify`:
 * it recognizes its request and answers it, with the source's secrets where it checks something.
 */

/** A request that may be a handshake, as the API hands it over: a delivery's parts, its method and query. */
export interface HandshakeRequest extends SignedRequest {
  readonly method: string;
  /** The query string's parameters, decoded. */
  readonly query: Readonly<Record<string, string>>;
}

/** What the API answers a handshake with. */
export interface HandshakeAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Further response headers. @default none */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Handshake<Settings> {
  /**
   * Whether some of the sender's uses need no handshake (Slack's slash commands), so that a source
   * turns it on; otherwise it is on by default. @default false
   */
  readonly optional?: boolean;
  /** The method the handshake comes with: a GET never carries a delivery; a POST shares the delivery route. */
  readonly method: "GET" | "POST";
  /** Whether the request is this sender's handshake rather than a delivery. */
  readonly recognizes: (request: HandshakeRequest) => boolean;
  /**
   * The answer: the sender's challenge met, or `refused` when the request fails its check. Each
   * handshake reads only the part of the secret its check is about: the signing key where the
   * sender signs the handshake (Slack, Zoom, X), the verify token where it sends one (Meta).
   */
  readonly answer: (request: HandshakeRequest, settings: Settings, secrets: SourceSecrets) => HandshakeAnswer;
}

/** Why a delivery is not genuine: short, stable codes, safe to log and to count. */
export const REJECT_REASONS = [
  "missing-signature",
  "malformed-signature",
  "signature-mismatch",
  "missing-timestamp",
  "malformed-timestamp",
  "stale-timestamp",
  "future-timestamp",
  "missing-id",
  "missing-credentials",
  "credentials-mismatch",
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * What a genuine verdict vouches for, canonically: the content the sender's proof covers (the bytes
 * its MAC or signature is computed over, or the body where a credential proves only who sent it),
 * never how the proof was written. Every encoding of one signature the verifier tolerates (hex
 * case, whitespace, base64 padding, repeated or reordered values) gives the same content, so replay
 * claims keyed on it cannot be dodged by re-encoding.
 */
export type SignedContent = readonly (Buffer | string)[];

export type Verdict = { readonly ok: true; readonly signed: SignedContent } | { readonly ok: false; readonly reason: RejectReason };

export function genuine(signed: SignedContent): Verdict {
  return { ok: true, signed };
}

export function rejected(reason: RejectReason): Verdict {
  return { ok: false, reason };
}

/**
 * One sender's way of proving a delivery genuine, in the manner of a cdk-nag rule: small pure
 * functions of the request, the source's settings and its active secrets (any may match). How a
 * sender signs lives apart, in `senders/signing/`, so that signing never ships in a Lambda bundle.
 */
export interface SignatureScheme<Settings extends { readonly scheme: string }> {
  /** The settings, as a member of the `verification` union (discriminated by `scheme`). */
  readonly settings: z.ZodType<Settings, z.ZodTypeDef, unknown>;
  /** The headers `verify` reads: the API forwards exactly these, plus the delivery id header. */
  readonly headers: (settings: Settings) => string[];
  /** The sender's delivery id header, if it has one. */
  readonly deliveryIdHeader: (settings: Settings) => string | undefined;
  /** The content types the sender posts. */
  readonly contentTypes: readonly ContentType[];
  /** The payload field holding the sender's id of the event, for senders with no delivery id header. */
  readonly deliveryIdField?: string;
  /** Where the sender names the event's type, if it does. */
  readonly eventType?: EventTypeSource;
  /**
   * Whether `verify` needs no secret: the sender signs with a private key, and the public key is
   * in the settings. No secret is read for such a source. @default false
   */
  readonly secretless?: boolean;
  /** The synchronous answer the sender needs before it delivers, if it needs one. @default none */
  readonly handshake?: Handshake<Settings>;
  /**
   * The headers that carry the sender's proof (signatures, credentials), among those `headers`
   * gives: the console masks them, whatever they are called.
   */
  readonly proofHeaders: (settings: Settings) => string[];
  /**
   * Payload fields that hold the source's secret itself (Graph's `clientState`), as paths such as
   * `value[].clientState` (`[]`: every item of an array): the console masks them, and they are
   * removed from the event put on the bus. @default none
   */
  readonly secretFields?: readonly string[];
  /**
   * The parts of the source's secret, where the sender has more than one kind (Meta's app secret
   * and verify token): each check reads only its own part. @default one part, for every check
   */
  readonly secretParts?: SecretParts;
  /**
   * Whether the signature covers the URL's query string (Twilio): a stored route keeps the path
   * but not the query, so such a source's bodies stay inline. @default false
   */
  readonly signsUrlQuery?: boolean;
  /** Settings that parse but cannot work, each as a sentence; checked at synth. */
  readonly problems?: (settings: Settings) => string[];
  /**
   * Judges the request. Throws SourceSecretError when a secret cannot serve this scheme: that is
   * our configuration fault, retried, never a rejection of the sender.
   */
  readonly verify: (request: SignedRequest, settings: Settings, secrets: readonly string[]) => Verdict;}

/** What a scheme whose proof is one configured header (and which names no delivery id) declares about it: JSON deliveries, that header read. */
export function oneHeaderProof<Settings extends { readonly scheme: string; readonly header: string }>(): Pick<SignatureScheme<Settings>, "headers" | "proofHeaders" | "deliveryIdHeader" | "contentTypes"> {
  return { headers: (s) => [s.header], proofHeaders: (s) => [s.header], deliveryIdHeader: () => undefined, contentTypes: [JSON_CONTENT] };
}
