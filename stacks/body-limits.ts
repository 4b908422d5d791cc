import { schemeOf } from "../senders";
import { API_GATEWAY_MAX_BODY_BYTES } from "../delivery/stored-delivery";
import type { Verification } from "../senders/verification";

/** What of a source's settings decides where its bodies go. */
interface BodySettings {
  readonly verification: Verification;
  readonly handshake?: boolean;
  readonly maxBodyBytes?: number;
}

/**
 * Where each source's bodies go. API Gateway REST gives a method one integration, whatever the
 * body's size: a route either sends every request to the queue inline (mapping template → SQS,
 * refused with 413 above what a message holds) or stores every body in the payload bucket (S3
 * integration, any size API Gateway accepts). A source whose largest body fits a queue message
 * stays inline, at no extra cost; a larger one is stored.
 */

/** What an envelope holds beside its body, in bytes: its fields and a source's forwarded headers, measured with room. */
export const ENVELOPE_ALLOWANCE = 1_024;

/** The largest body an inline envelope of at most `maxMessageSizeBytes` holds (base64 takes 4 bytes for 3). */
export function inlineBodyLimit(maxMessageSizeBytes: number): number {
  return Math.floor(((maxMessageSizeBytes - ENVELOPE_ALLOWANCE) * 3) / 4);
}

/**
 * The least queue message a stored delivery's notification needs: S3's event record (about 1.3 KB,
 * with a key of at most 68 characters) with room.
 */
export const S3_NOTIFICATION_BYTES = 4_096;

export interface BodyRoute {
  /** Whether the route stores every body in the payload bucket. */
  readonly stored: boolean;
  /** The largest body the route accepts, in bytes; a larger one gets 413. */
  readonly maxBodyBytes: number;
}

/** Why a source's bodies cannot be stored, if they cannot. */
export function cannotStore(source: BodySettings, handshakeMethod: string | undefined): string | undefined {
  if (schemeOf(source.verification).signsUrlQuery) return `the ${source.verification.scheme} scheme signs the URL's query string, which a stored route does not keep`;
  if (source.handshake && handshakeMethod === "POST") return "every request of a source with a POST handshake goes through the handshake function, which queues it inline";
  return undefined;
}

/** A source's route for its bodies: stored unless it cannot be, or its `maxBodyBytes` fits a queue message. */
export function bodyRouteOf(source: BodySettings, maxMessageSizeBytes: number): BodyRoute {
  const inline = inlineBodyLimit(maxMessageSizeBytes);
  const storable = cannotStore(source, schemeOf(source.verification).handshake?.method) === undefined;
  const wanted = source.maxBodyBytes ?? (storable ? API_GATEWAY_MAX_BODY_BYTES : inline);
  return wanted <= inline ? { stored: false, maxBodyBytes: inline } : { stored: true, maxBodyBytes: API_GATEWAY_MAX_BODY_BYTES };
}

/** What is wrong with a source's `maxBodyBytes`, if anything. */
export function maxBodyProblem(source: BodySettings, maxMessageSizeBytes: number): string | undefined {
  const wanted = source.maxBodyBytes;
  const inline = inlineBodyLimit(maxMessageSizeBytes);
  if (wanted === undefined || wanted <= inline) return undefined;
  const why = cannotStore(source, schemeOf(source.verification).handshake?.method);
  if (why) return `${wanted} bytes is above the ${inline} a queue message holds, and ${why}: at most ${inline} (or raise queue.maxMessageSizeBytes, lowering pipe.batchSize)`;
  if (wanted < API_GATEWAY_MAX_BODY_BYTES) {
    return (
      `${wanted} bytes is above the ${inline} a queue message holds, so bodies are stored, and a stored route takes every body API Gateway does: ` +
      `${API_GATEWAY_MAX_BODY_BYTES} (the default), or at most ${inline} to keep bodies inline`
    );
  }
  return undefined;
}
