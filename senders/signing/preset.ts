import type { Preset } from "../preset";
import type { Signer } from "./signer";

/** A named sender signs as its base scheme does, with the settings its preset fixes; `handshake`, if it makes one. */
export function presetSigner<S extends { readonly scheme: string }, B extends { readonly scheme: string }>(
  base: Signer<B>,
  preset: Preset<S, B>,
  handshake?: Signer<S>["handshake"],
): Signer<S> {
  return {
    ...(base.url ? { url: base.url } : {}),
    ...(handshake ? { handshake } : {}),
    sign: (message, s, secret) => base.sign(message, preset.asBase(s), secret),
  };
}
