import { verifyKey } from "discord-interactions";
import { discord, discordSettingsSchema } from "../../senders/discord";
import { discord as discordSigner } from "../../senders/signing/discord";
import { describeTampering, ed25519KeyPair } from "../support/schemes";

// Discord publishes no fixed vector: the official library, discord-interactions (4.4.0), is the oracle.
const BODY = Buffer.from('{"id":"1234567890","type":1,"application_id":"42"}');
const AT = 1_764_000_000;
const message = { body: BODY, url: "", timestamp: AT, id: "" };

describe("discord", () => {
  const keys = ed25519KeyPair();
  const settings = discordSettingsSchema.parse({ scheme: "discord", publicKey: keys.publicKey });
  const signed = discordSigner.sign(message, settings, keys.privateKey);
  const request = (headers: Record<string, string>, body = BODY) => ({ body, headers, url: "", receivedAt: AT * 1000 });

  it("writes what the official library accepts, and accepts it", async () => {
    expect(await verifyKey(BODY, signed["x-signature-ed25519"], signed["x-signature-timestamp"], keys.publicKey)).toBe(true);
    expect(discord.verify(request(signed), settings, [])).toMatchObject({ ok: true });
  });

  it("rejects what another key signed, as the official library does", async () => {
    const other = discordSigner.sign(message, settings, ed25519KeyPair().privateKey);
    expect(await verifyKey(BODY, other["x-signature-ed25519"], other["x-signature-timestamp"], keys.publicKey)).toBe(false);
    expect(discord.verify(request(other), settings, [])).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("refuses a public key that is not 64 hex characters", () => {
    expect(discordSettingsSchema.safeParse({ scheme: "discord", publicKey: "abc" }).success).toBe(false);
    expect(discordSettingsSchema.safeParse({ scheme: "discord", publicKey: "zz".repeat(32) }).success).toBe(false);
  });

  describe("tampering", () => {
    describeTampering({ scheme: discord, signer: discordSigner, settings, secret: keys.privateKey, message, signatureHeader: "x-signature-ed25519", toleranceSeconds: 300 });
  });
});
