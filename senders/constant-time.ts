import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in time independent of where they differ and of their lengths: both are
 * hashed first, so neither the content nor the length of the expected value leaks.
 */
export function constantTimeEqual(actual: Buffer | string, expected: Buffer | string): boolean {
  const a = createHash("sha256").update(actual).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
