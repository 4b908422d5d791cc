import { slack as scheme, type SlackSettings } from "../slack";
import { answerJson, expectAnswer, signedJsonHandshake } from "./handshake";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";
import type { Signer } from "./signer";

export const slack: Signer<SlackSettings> = presetSigner(hmac, scheme, (settings, secret, message) =>
  signedJsonHandshake(
    { token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: message.id, type: "url_verification" },
    (body) => slack.sign({ ...message, body }, settings, secret),
    expectAnswer((_s, body) => answerJson(body)?.challenge === message.id, `{"challenge":"${message.id}"}`),
  ),
);
