import { hmac as mac } from "../digest";
import { signedBytes } from "../hmac";
import type { SignatureHeaderSettings } from "../signature-header";
import type { Signer } from "./signer";

export const signatureHeader: Signer<SignatureHeaderSettings> = {
  sign(message, s, secret) {
    const timestamp = String(message.timestamp);
    const digest = mac("sha256", secret, ...signedBytes(s.signedContent, { body: message.body, timestamp, id: message.id, url: message.url }));
    return { [s.header]: `${s.timestampKey}=${timestamp}${s.separator}${s.signatureKey}=${digest.toString(s.encoding)}` };
  },
};
