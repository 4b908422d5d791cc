import { hmac as mac } from "../digest";
import { zoom as scheme, zoomSettingsSchema } from "../zoom";
import type { z } from "zod";
import { answerJson, expectAnswer, signedJsonHandshake } from "./handshake";
import { hmac } from "./hmac";
import { presetSigner } from "./preset";
import type { Signer } from "./signer";

export const zoom: Signer<z.infer<typeof zoomSettingsSchema>> = presetSigner(hmac, scheme, (settings, secret, message) => {
  const encryptedToken = mac("sha256", secret, message.id).toString("hex");
  return signedJsonHandshake(
    { payload: { plainToken: message.id }, event_ts: message.timestamp * 1000, event: "endpoint.url_validation" },
    (body) => zoom.sign({ ...message, body }, settings, secret),
    expectAnswer((_s, body) => answerJson(body)?.plainToken === message.id && answerJson(body)?.encryptedToken === encryptedToken, `{"plainToken","encryptedToken":"${encryptedToken}"}`),
  );
});
