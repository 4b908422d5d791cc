import { generateKeyPairSync } from "node:crypto";
import type { SignatureScheme, SignedRequest } from "../../senders/scheme";
import type { OutgoingMessage, Signer } from "../../senders/signing";

/** A genuine delivery for a scheme: what to sign, and with what. */
export interface SchemeCase<S extends { readonly scheme: string }> {
  readonly scheme: SignatureScheme<S>;
  /** How its sender signs. */
  readonly signer: Signer<S>;
  /** Settings as the config would give them, defaults filled in. */
  readonly settings: S;
  readonly secret: string;
  readonly message: OutgoingMessage;
  /** The header that carries the signature (or credentials). */
  readonly signatureHeader: string;
  /** The replay window, for schemes that sign a timestamp. */
  readonly toleranceSeconds?: number;
  /**
   * Whether the signature covers the body. Basic auth and API keys prove only who sent it, so a
   * changed body is expected to pass there. @default true
   */
  readonly coversBody?: boolean;
}

/** The request the API would see for a signed message, received at the signing time. */
export function signedRequest<S extends { readonly scheme: string }>(c: SchemeCase<S>, receivedAt = c.message.timestamp * 1000): SignedRequest {
  return { body: c.message.body, url: c.message.url, receivedAt, headers: c.signer.sign(c.message, c.settings, c.secret) };
}

/** Changes one character (in the middle) to another of the same alphabet: hex, base64 and text alike. */
/** Requests of `body` to `url` with the headers given, received at `timestamp` (seconds) unless told: what a scheme verifies. */
export function requestsOf(url: string, body: string, timestamp: number) {
  return (headers: Record<string, string>, receivedAt = timestamp * 1000) => ({ body: Buffer.from(body), headers, url, receivedAt });
}

export function flipOneCharacter(text: string, at = Math.floor(text.length / 2)): string {
  return text.slice(0, at) + (text[at] === "0" ? "1" : "0") + text.slice(at + 1);
}

export function flipOneByte(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}

/**
 * The cases every scheme must get right: a genuine delivery passes, with its header names in any
 * case; one flipped byte of body, signature or secret fails; a missing header fails; and, for
 * schemes with a timestamp, the replay window holds both ways, edges included.
 */
export function describeTampering<S extends { readonly scheme: string }>(c: SchemeCase<S>): void {
  const verify = (request: SignedRequest, secrets: readonly string[] = [c.secret]) => c.scheme.verify(request, c.settings, secrets);
  const genuine = signedRequest(c);

  it("passes a genuine delivery, whatever the case of its header names", () => {
    expect(verify(genuine)).toMatchObject({ ok: true });
    const shouted = Object.fromEntries(Object.entries(genuine.headers).map(([name, value]) => [name.toUpperCase(), value]));
    expect(verify({ ...genuine, headers: shouted })).toMatchObject({ ok: true });
  });

  it("passes when any of several active secrets matches (rotation)", () => {
    expect(verify(genuine, [flipOneCharacter(c.secret, c.secret.length - 3), c.secret])).toMatchObject({ ok: true });
  });

  if (c.coversBody ?? true) {
    it("fails on one flipped byte of the body", () => {
      expect(verify({ ...genuine, body: flipOneByte(genuine.body) })).toMatchObject({ ok: false });
    });
  }

  it("fails on one flipped character of the signature", () => {
    const value = genuine.headers[c.signatureHeader];
    const headers = { ...genuine.headers, [c.signatureHeader]: flipOneCharacter(value, value.length - 6) };
    expect(verify({ ...genuine, headers })).toMatchObject({ ok: false });
  });

  // A sender signing with a private key is checked against its public key: its own test signs with another key.
  if (!c.scheme.secretless) {
    it("fails with a secret one character off", () => {
      expect(verify(genuine, [flipOneCharacter(c.secret, c.secret.length - 3)])).toMatchObject({ ok: false });
    });
  }

  it("fails, saying so, when the signature header is missing", () => {
    const { [c.signatureHeader]: _, ...headers } = genuine.headers;
    expect(verify({ ...genuine, headers })).toMatchObject({ ok: false, reason: expect.stringMatching(/^missing-/) });
  });

  it("fails on a signature header of garbage, or duplicated values joined by a comma", () => {
    const value = genuine.headers[c.signatureHeader];
    for (const garbage of ["%%%", `${value}, ${value}x`, " "]) {
      expect(verify({ ...genuine, headers: { ...genuine.headers, [c.signatureHeader]: garbage } })).toMatchObject({ ok: false });
    }
  });

  const tolerance = c.toleranceSeconds;
  if (tolerance !== undefined) {
    const at = (seconds: number) => (c.message.timestamp + seconds) * 1000;
    it(`holds the ${tolerance}-second replay window both ways, edges included`, () => {
      expect(verify(signedRequest(c, at(tolerance)))).toMatchObject({ ok: true });
      expect(verify(signedRequest(c, at(-tolerance)))).toMatchObject({ ok: true });
      expect(verify(signedRequest(c, at(tolerance + 1)))).toEqual({ ok: false, reason: "stale-timestamp" });
      expect(verify(signedRequest(c, at(-tolerance - 1)))).toEqual({ ok: false, reason: "future-timestamp" });
    });
  }
}

/** A fresh Ed25519 key pair as Discord's settings and signer take it: the public key and the seed, in hex. */
export function ed25519KeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKey: publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex"),
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32).toString("hex"),
  };
}

/** A fresh P-256 key pair as SendGrid's settings and signer take it: base64 DER, SPKI and PKCS #8. */
export function p256KeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
  };
}
