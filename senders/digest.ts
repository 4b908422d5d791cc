import { createHmac } from "node:crypto";
import { z } from "zod";
import { constantTimeEqual } from "./constant-time";
import { genuine, rejected, type RejectReason, type SignedContent, type Verdict } from "./scheme";

export type HmacAlgorithm = "sha1" | "sha256" | "sha512";
export type DigestEncoding = "hex" | "base64";

/** Bytes of each algorithm's digest: a decoded signature of another length is malformed. */
const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

const ENCODED: Record<DigestEncoding, RegExp> = { hex: /^[0-9a-fA-F]+$/, base64: /^[A-Za-z0-9+/]+={0,2}$/ };

export function hmac(algorithm: HmacAlgorithm, key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Decodes a digest sent as text; undefined unless it is strictly `encoding` and the right length. */
export function decodeDigest(text: string, encoding: DigestEncoding, algorithm: HmacAlgorithm): Buffer | undefined {
  if (!ENCODED[encoding].test(text)) return undefined;
  const digest = Buffer.from(text, encoding);
  return digest.length === DIGEST_BYTES[algorithm] ? digest : undefined;
}

/**
 * Whether any presented signature equals any expected one. Every pair is compared, in constant
 * time, match or not: timing tells neither which secret matched nor how close a guess came.
 */
function anyMatches(presented: readonly Buffer[], expected: readonly Buffer[]): boolean {
  let matched = false;
  for (const p of presented) {
    for (const e of expected) matched = constantTimeEqual(p, e) || matched;
  }
  return matched;
}

/** Genuine, vouching for `signed` (what every expected MAC is computed over), when any presented signature matches. */
export function matchVerdict(presented: readonly Buffer[], expected: readonly Buffer[], signed: SignedContent): Verdict {
  return anyMatches(presented, expected) ? genuine(signed) : rejected("signature-mismatch");
}

/** How far a signed timestamp may be from the API's receipt time, either way, in seconds. @default 300 */
export const toleranceSeconds = () => z.number().int().min(1).max(86_400).default(300);

/** How senders write the time they signed: Unix seconds, Unix milliseconds, or RFC 3339. */
export const TIMESTAMP_FORMATS = ["unix", "unix-ms", "rfc3339"] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** A signed time as epoch seconds; undefined unless it is strictly in `format`. */
function epochSeconds(text: string, format: TimestampFormat): number | undefined {
  if (format === "unix") return /^\d{1,12}$/.test(text) ? Number(text) : undefined;
  if (format === "unix-ms") return /^\d{1,15}$/.test(text) ? Number(text) / 1000 : undefined;
  // Date.parse keeps milliseconds; nanoseconds (Twitch sends them) are cut to those first.
  return RFC3339.test(text) ? Date.parse(text.replace(/(\.\d{3})\d+/, "$1")) / 1000 : undefined;
}

/** A time in `format`, as a sender writes it. */
export function formatTimestamp(epochSecondsValue: number, format: TimestampFormat): string {
  if (format === "unix") return String(epochSecondsValue);
  if (format === "unix-ms") return String(epochSecondsValue * 1000);
  return new Date(epochSecondsValue * 1000).toISOString();
}

/**
 * Checks a signed timestamp against the receipt time (epoch ms), both ways: a timestamp too far in
 * the past is a replay, one too far in the future a forgery or a bad clock.
 */
export function timestampProblem(text: string, receivedAt: number, tolerance: number, format: TimestampFormat = "unix"): RejectReason | undefined {
  if (text === "") return "missing-timestamp";
  const signedAt = epochSeconds(text, format);
  if (signedAt === undefined || Number.isNaN(signedAt)) return "malformed-timestamp";
  const age = receivedAt / 1000 - signedAt;
  if (age > tolerance) return "stale-timestamp";
  if (-age > tolerance) return "future-timestamp";
  return undefined;
}
