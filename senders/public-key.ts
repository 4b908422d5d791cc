import { createPrivateKey, createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { headerValue } from "../delivery/headers";
import { timestampProblem } from "./digest";
import { genuine, rejected, type SignedRequest, type Verdict } from "./scheme";

/** DER prefixes that wrap a raw 32-byte Ed25519 key as SPKI (public) or PKCS #8 (private). */
const ED25519_SPKI = Buffer.from("302a300506032b6570032100", "hex");
const ED25519_PKCS8 = Buffer.from("302e020100300506032b657004220420", "hex");

/** An Ed25519 public key from the 64 hex characters senders publish (Discord's application public key). */
export function ed25519PublicKey(hex: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI, Buffer.from(hex, "hex")]), format: "der", type: "spki" });
}

/** An Ed25519 private key from its 32-byte seed in hex: what a sender signs with, for tests and tools. */
export function ed25519PrivateKey(hex: string): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, Buffer.from(hex, "hex")]), format: "der", type: "pkcs8" });
}

/** A public key given as base64 of its DER SubjectPublicKeyInfo (SendGrid's verification key). */
export function spkiPublicKey(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64, "base64"), format: "der", type: "spki" });
}

/** A setting holding a public key, checked at synth by loading it. */
export function publicKeySetting(load: (text: string) => KeyObject, kind: string, what: string) {
  return z.string().refine((text) => {
    try {
      return load(text).asymmetricKeyType === kind;
    } catch {
      return false;
    }
  }, what);
}

/** How a sender signs `timestamp + raw body` with its private key, and where it puts both. */
export interface TimestampedSignature {
  readonly signatureHeader: string;
  readonly timestampHeader: string;
  /** What a well-formed signature looks like, before it is decoded. */
  readonly format: RegExp;
  readonly encoding: "hex" | "base64";
  /** The digest the signature algorithm uses: null for Ed25519, which has its own. */
  readonly digest: "sha256" | null;
}

/** Checks a delivery signed as `how` says against `key`, within `tolerance` seconds of its receipt. */
export function verifyTimestampedSignature(request: SignedRequest, how: TimestampedSignature, key: KeyObject, tolerance: number): Verdict {
  const signature = headerValue(request.headers, how.signatureHeader).trim();
  if (signature === "") return rejected("missing-signature");
  const timestamp = headerValue(request.headers, how.timestampHeader).trim();
  const problem = timestampProblem(timestamp, request.receivedAt, tolerance);
  if (problem) return rejected(problem);
  if (!how.format.test(signature)) return rejected("malformed-signature");
  const signed = Buffer.concat([Buffer.from(timestamp), request.body]);
  // The signed message, not the signature: ECDSA signatures are malleable (s and n - s both verify).
  return verify(how.digest, signed, { key, dsaEncoding: "der" }, Buffer.from(signature, how.encoding)) ? genuine([timestamp, request.body]) : rejected("signature-mismatch");
}
