import { constantTimeEqual } from "./constant-time";
import type { HandshakeAnswer } from "./scheme";

/** What handshakes (`Handshake` in scheme.ts) answer with, and what they read. */

/** The answer to a handshake that fails its check: 403, unless the sender asks for another status. */
export function refused(status = 403): HandshakeAnswer {
  return { status, contentType: "application/json", body: JSON.stringify({ message: "Forbidden" }) };
}

export function json(body: unknown, status = 200): HandshakeAnswer {
  return { status, contentType: "application/json", body: JSON.stringify(body) };
}

/**
 * An echoed token, as text no browser renders: `text/plain` and `nosniff`, so a challenge a caller
 * chose is never a page on the API's domain.
 */
export function text(body: string): HandshakeAnswer {
  return { status: 200, contentType: "text/plain", body, headers: { "X-Content-Type-Options": "nosniff" } };
}

/** A JSON body's top-level field, or undefined when the body is not a JSON object or has no such string. */
export function jsonField(body: Buffer, field: string): unknown {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as Record<string, unknown> | null;
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed[field] : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `presented` equals any active secret, comparing every one in constant time. */
export function matchesAnySecret(presented: string, secrets: readonly string[]): boolean {
  let matched = false;
  for (const secret of secrets) matched = constantTimeEqual(presented, secret) || matched;
  return matched;
}
