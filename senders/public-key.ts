import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";

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
