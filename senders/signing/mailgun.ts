import { hmac } from "../digest";
import type { MailgunSettings } from "../mailgun";
import type { Signer } from "./signer";

/** Signs as Mailgun does: the signature object goes into the JSON body, beside what the body holds. */
export const mailgun: Signer<MailgunSettings> = {
  body(message, _s, secret) {
    const timestamp = String(message.timestamp);
    const token = `${message.id}-token`;
    const signature = hmac("sha256", secret, timestamp, token).toString("hex");
    let payload: unknown;
    try {
      payload = JSON.parse(message.body.toString("utf8"));
    } catch {
      payload = undefined;
    }
    // Mailgun's bodies are objects; anything else is carried whole, so tests can sign any bytes.
    const rest = payload !== null && typeof payload === "object" && !Array.isArray(payload) ? payload : { "event-data": message.body.toString("base64") };
    return Buffer.from(JSON.stringify({ signature: { timestamp, token, signature }, ...rest }));
  },
  sign: () => ({}),
};
