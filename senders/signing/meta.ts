import { meta as scheme } from "../meta";
import { expectAnswer, getHandshake } from "./handshake";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

/** Meta's subscription check, made with `secret` as the verify token. */
export const meta = presetSigner(hmac, scheme, (_settings, secret, message) =>
  getHandshake({ "hub.mode": "subscribe", "hub.verify_token": secret, "hub.challenge": message.id }, expectAnswer((_s, body) => body === message.id, message.id)),
);
