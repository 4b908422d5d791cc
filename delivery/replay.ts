import { createHash } from "node:crypto";
import type { SignedContent } from "../senders/scheme";

/**
 * Replays. A sender whose signature covers neither a timestamp nor a delivery id (GitHub, Shopify,
 * a plain HMAC, Basic auth, an API key) signs the same body the same way every time: whoever holds
 * one delivery can send it again, under a new delivery id header, and it verifies. So every verified
 * delivery claims its signed content; a second delivery id claiming the same content is a replay.
 */

/** Claims share the idempotency table, their keys under this prefix (Powertools' start with the function name). */
export const REPLAY_KEY_PREFIX = "replay#";

/**
 * The key a delivery's signed content is claimed by: a SHA-256 of the source and what its verdict
 * vouched for (the content its signature covers, canonically), each part length-prefixed so that
 * no two contents run together. It never depends on how the signature was written: every encoding
 * the verifier tolerates lands on one claim. Nothing is kept in clear, neither signature nor body.
 */
export function replayKey(source: string, signed: SignedContent): string {
  const hash = createHash("sha256").update(source).update("\0");
  for (const part of signed) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(bytes.length));
    hash.update(length).update(bytes);
  }
  return `${REPLAY_KEY_PREFIX}${source}#${hash.digest("hex")}`;
}
