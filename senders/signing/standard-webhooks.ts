import { hmac } from "../digest";
import { names, signingKey, type StandardWebhooksSettings } from "../standard-webhooks";
import type { Signer } from "./signer";

export const standardWebhooks: Signer<StandardWebhooksSettings> = {
  sign(message, s, secret) {
    const header = names(s);
    const digest = hmac("sha256", signingKey(secret), `${message.id}.${message.timestamp}.`, message.body);
    return { [header.id]: message.id, [header.timestamp]: String(message.timestamp), [header.signature]: `v1,${digest.toString("base64")}` };
  },
};
