import { formatTimestamp, hmac as mac } from "../digest";
import { signedBytes, type HmacSettings } from "../hmac";
import type { Signer } from "./signer";

export const hmac: Signer<HmacSettings> = {
  sign(message, s, secret) {
    const timestamp = formatTimestamp(message.timestamp, s.timestampFormat);
    const content = signedBytes(s.signedContent, { body: message.body, timestamp, id: message.id, url: message.url });
    return {
      [s.header]: s.prefix + mac(s.algorithm, secret, ...content).toString(s.encoding),
      ...(s.timestampHeader ? { [s.timestampHeader]: timestamp } : {}),
      ...(s.idHeader ? { [s.idHeader]: message.id } : {}),
    };
  },
};
