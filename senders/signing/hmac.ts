import { hmac as mac } from "../digest";
import { signedBytes, type HmacPreset, type HmacSettings } from "../hmac";
import type { Signer } from "./signer";

export const hmac: Signer<HmacSettings> = {
  sign(message, s, secret) {
    const timestamp = String(message.timestamp);
    const content = signedBytes(s.signedContent, { body: message.body, timestamp, id: message.id });
    return {
      [s.header]: s.prefix + mac(s.algorithm, secret, ...content).toString(s.encoding),
      ...(s.timestampHeader ? { [s.timestampHeader]: timestamp } : {}),
      ...(s.idHeader ? { [s.idHeader]: message.id } : {}),
    };
  },
};

/** A sender whose scheme is HMAC with fixed settings signs as that HMAC does. */
export function hmacPresetSigner<S extends { readonly scheme: string }>(preset: HmacPreset<S>): Signer<S> {
  return { sign: (message, s, secret) => hmac.sign(message, preset.asHmac(s), secret) };
}
