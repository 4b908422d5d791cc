import { sign } from "node:crypto";
import { DISCORD_SIGNATURE, DISCORD_TIMESTAMP, type DiscordSettings } from "../discord";
import { ed25519PrivateKey } from "../public-key";
import type { Signer } from "./signer";

/** Signs as Discord does; the "secret" is the private key's 32-byte seed in hex (tests and the twin only). */
export const discord: Signer<DiscordSettings> = {
  sign(message, _s, privateKey) {
    const timestamp = String(message.timestamp);
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), message.body]), ed25519PrivateKey(privateKey));
    return { [DISCORD_SIGNATURE]: signature.toString("hex"), [DISCORD_TIMESTAMP]: timestamp };
  },
};
