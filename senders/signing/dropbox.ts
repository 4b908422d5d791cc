import { dropbox as scheme } from "../dropbox";
import { expectAnswer, getHandshake } from "./handshake";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const dropbox = presetSigner(hmac, scheme, (_settings, _secret, message) =>
  getHandshake({ challenge: message.id }, expectAnswer((_s, body) => body === message.id, message.id)),
);
