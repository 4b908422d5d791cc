import { hmac as mac } from "../digest";
import { x as scheme } from "../x";
import { answerJson, expectAnswer, getHandshake } from "./handshake";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";

export const x = presetSigner(hmac, scheme, (_settings, secret, message) => {
  const expected = `sha256=${mac("sha256", secret, message.id).toString("base64")}`;
  return getHandshake({ crc_token: message.id }, expectAnswer((_s, body) => answerJson(body)?.response_token === expected, `{"response_token":"${expected}"}`));
});
