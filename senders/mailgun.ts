import { z } from "zod";
import { jsonOf } from "../delivery/payload";
import { decodeDigest, hmac, matchVerdict, timestampProblem } from "./digest";
import { timedSettings } from "./preset";
import { rejected, type SignatureScheme, type SignedRequest } from "./scheme";

/**
 * Mailgun: the signature travels in the body, `"signature": { "timestamp", "token", "signature" }`,
 * the last a hex HMAC-SHA256 of timestamp + token keyed with the account's webhook signing key. It
 * proves who sent the delivery and when, not what the body says: each token is unique, and the
 * replay claims refuse one seen twice. https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
 */
export const mailgunSettingsSchema = timedSettings("mailgun");

export type MailgunSettings = z.infer<typeof mailgunSettingsSchema>;

const signedBodySchema = z.object({ signature: z.object({ timestamp: z.string(), token: z.string().min(1), signature: z.string() }) });

/** The body's `signature` object, or undefined when there is none to read. */
export const signatureFields = (body: Buffer) => jsonOf(body, signedBodySchema)?.signature;

export const mailgun: SignatureScheme<MailgunSettings> = {
  settings: mailgunSettingsSchema,
  headers: () => [],
  proofHeaders: () => [],
  deliveryIdHeader: () => undefined,
  contentTypes: ["application/json"],
  verify(request: SignedRequest, s, secrets) {
    const fields = signatureFields(request.body);
    if (!fields) return rejected("missing-signature");
    const problem = timestampProblem(fields.timestamp, request.receivedAt, s.toleranceSeconds);
    if (problem) return rejected(problem);
    const digest = decodeDigest(fields.signature, "hex", "sha256");
    if (!digest) return rejected("malformed-signature");
    // Only the time and the token are signed: a replay is the token seen again, whatever the body says.
    const signed = [fields.timestamp, fields.token];
    return matchVerdict([digest], secrets.map((key) => hmac("sha256", key, ...signed)), signed);
  },
};
