import { z } from "zod";
import { toleranceSeconds } from "./digest";
import { ed25519PublicKey, publicKeySetting, verifyTimestampedSignature, type TimestampedSignature } from "./public-key";
import { json, jsonField, refused } from "./handshake";
import type { SignatureScheme } from "./scheme";

export const DISCORD_SIGNATURE = "x-signature-ed25519";
export const DISCORD_TIMESTAMP = "x-signature-timestamp";

/**
 * Discord (interactions endpoint): `X-Signature-Ed25519: <hex Ed25519 signature of timestamp + raw
 * body>` by Discord's private key, the time in `X-Signature-Timestamp` (Unix seconds), checked
 * against the application's public key, which is in the settings: no secret is stored. The body's
 * `id` names the interaction. https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint
 */
export const discordSettingsSchema = z
  .object({
    scheme: z.literal("discord"),
    /** The application's public key, 64 hex characters, from the developer portal. */
    publicKey: publicKeySetting((hex) => ed25519PublicKey(hex), "ed25519", "the application's public key: 64 hex characters").refine((hex) => /^[0-9a-fA-F]{64}$/.test(hex), "64 hex characters"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export type DiscordSettings = z.infer<typeof discordSettingsSchema>;

const SIGNED: TimestampedSignature = { signatureHeader: DISCORD_SIGNATURE, timestampHeader: DISCORD_TIMESTAMP, format: /^[0-9a-fA-F]{128}$/, encoding: "hex", digest: null };

export const discord: SignatureScheme<DiscordSettings> = {
  settings: discordSettingsSchema,
  headers: () => [DISCORD_SIGNATURE, DISCORD_TIMESTAMP],
  proofHeaders: () => [DISCORD_SIGNATURE],
  deliveryIdHeader: () => undefined,
  deliveryIdField: "id",
  contentTypes: ["application/json"],
  secretless: true,
  // Discord's PING (type 1), signed like every interaction: answered with a PONG, and a bad
  // signature with 401, which Discord sends on purpose to check that the endpoint refuses it. The
  // answer is a constant: it proves the endpoint checks signatures and reveals nothing.
  handshake: {
    method: "POST",
    recognizes: (request) => jsonField(request.body, "type") === 1,
    answer: (request, s) => (discord.verify(request, s, []).ok ? json({ type: 1 }) : refused(401)),
  },
  verify: (request, s) => verifyTimestampedSignature(request, SIGNED, ed25519PublicKey(s.publicKey), s.toleranceSeconds),
};
