import { z } from "zod";
import { toleranceSeconds } from "./digest";
import { publicKeySetting, spkiPublicKey, verifyTimestampedSignature, type TimestampedSignature } from "./public-key";
import type { SignatureScheme } from "./scheme";

export const SENDGRID_SIGNATURE = "x-twilio-email-event-webhook-signature";
export const SENDGRID_TIMESTAMP = "x-twilio-email-event-webhook-timestamp";

/**
 * SendGrid (signed Event Webhook): `X-Twilio-Email-Event-Webhook-Signature: <base64 DER ECDSA P-256
 * SHA-256 signature of timestamp + raw body>`, the time in `X-Twilio-Email-Event-Webhook-Timestamp`
 * (Unix seconds), checked against the account's verification key, which is in the settings: no
 * secret is stored. https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
 */
export const sendgridSettingsSchema = z
  .object({
    scheme: z.literal("sendgrid"),
    /** The Event Webhook's verification key: base64 of its DER public key, as Mail Settings shows it. */
    publicKey: publicKeySetting(spkiPublicKey, "ec", "the verification key: base64 of an EC P-256 public key"),
    /** Replay window, in seconds, past and future. @default 300 */
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export type SendgridSettings = z.infer<typeof sendgridSettingsSchema>;

const SIGNED: TimestampedSignature = { signatureHeader: SENDGRID_SIGNATURE, timestampHeader: SENDGRID_TIMESTAMP, format: /^[A-Za-z0-9+/]+={0,2}$/, encoding: "base64", digest: "sha256" };

export const sendgrid: SignatureScheme<SendgridSettings> = {
  settings: sendgridSettingsSchema,
  headers: () => [SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP],
  proofHeaders: () => [SENDGRID_SIGNATURE],
  deliveryIdHeader: () => undefined,
  contentTypes: ["application/json"],
  secretless: true,
  verify: (request, s) => verifyTimestampedSignature(request, SIGNED, spkiPublicKey(s.publicKey), s.toleranceSeconds),
};
