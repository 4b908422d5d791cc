import { createHash } from "node:crypto";

/**
 * Replays. A sender whose signature covers neither a timestamp nor a delivery id (GitHub, Shopify,
 * a plain HMAC, Basic auth, an API key) signs the same body the same way every time: whoever holds
 * one delivery can send it again, under a new delivery id header, and it verifies. So every verified
 * delivery claims its signed content; a second delivery id claiming the same content is a replay.
 */

/** Claims share the idempotency table, their keys under this prefix (Powertools' start with the function name). */
export const REPLAY_KEY_PREFIX = "replay#";

/**
 * The key a delivery's signed content is claimed by: a SHA-256 of the source, the values of the
 * headers its scheme reads (signature, timestamp, id, or the credentials) and the raw body. Nothing
 * is kept in clear: not the signature, which the secret derives, nor credentials, nor the body.
 */
export function replayKey(source: string, presented: readonly string[], body: Buffer): string {
  const hash = createHash("sha256").update(source).update("\0");
  for (const value of presented) hash.update(value).update("\0");
  return `${REPLAY_KEY_PREFIX}${source}#${hash.update(body).digest("hex")}`;
}
