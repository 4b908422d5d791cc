import type { MicrosoftGraphSettings } from "../microsoft-graph";
import { expectAnswer } from "./handshake";
import type { Signer } from "./signer";

/** Posts as Graph does: the notifications in `value`, each with the subscription's clientState. */
export const microsoftGraph: Signer<MicrosoftGraphSettings> = {
  body(message, _s, secret) {
    let notifications: unknown;
    try {
      notifications = (JSON.parse(message.body.toString("utf8")) as { value?: unknown }).value;
    } catch {
      notifications = undefined;
    }
    const items = Array.isArray(notifications) && notifications.length > 0 ? notifications : [{ changeType: "created", content: message.body.toString("base64") }];
    return Buffer.from(JSON.stringify({ value: items.map((item: object) => ({ ...item, clientState: secret })) }));
  },
  handshake: (_settings, _secret, message) => ({
    method: "POST",
    query: { validationToken: message.id },
    headers: { "content-type": "text/plain" },
    body: Buffer.alloc(0),
    check: expectAnswer((_s, body) => body === message.id, message.id),
  }),
  sign: () => ({}),
};
