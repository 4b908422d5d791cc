import { sign } from "node:crypto";
import { DISCORD_SIGNATURE, DISCORD_TIMESTAMP, type DiscordSettings } from "../discord";
import { ed25519PrivateKey } from "../public-key";
import { answerJson, expectAnswer, signedJsonHandshake } from "./handshake";
import type { Signer } from "./signer";

/** Signs as Discord does; the "secret" is the private key's 32-byte seed in hex (tests and the twin only). */
export const discord: Signer<DiscordSettings> = {
  handshake: (settings, privateKey, message) =>
    signedJsonHandshake(
      { id: message.id, type: 1, application_id: "1" },
      (body) => discord.sign({ ...message, body }, settings, privateKey),
      expectAnswer((_s, body) => answerJson(body)?.type === 1, '{"type":1}'),
    ),
  sign(message, _s, privateKey) {
    const timestamp = String(message.timestamp);
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), message.body]), ed25519PrivateKey(privateKey));
    return { [DISCORD_SIGNATURE]: signature.toString("hex"), [DISCORD_TIMESTAMP]: timestamp };
  },
};
