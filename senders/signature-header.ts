import { z } from "zod";
import { headerValue } from "../delivery/headers";
import { decodeDigest, hmac as mac, matchVerdict, timestampProblem, toleranceSeconds } from "./digest";
import { signedBytes } from "./hmac";
import { oneHeaderProof, rejected, type SignatureScheme } from "./scheme";

/**
 * One header of `key=value` pairs carrying the signing time and one or more signatures (several
 * while a secret is rolled), as Stripe's `t=…,v1=…`, Paddle's `ts=…;h1=…` or Buildkite's
 * `timestamp=…,signature=…`. Senders fix every setting: it is the base of their presets, not a
 * scheme a source names.
 */
export const signatureHeaderSettingsSchema = z
  .object({
    scheme: z.literal("signature-header"),
    header: z.string(),
    timestampKey: z.string(),
    signatureKey: z.string(),
    separator: z.enum([",", ";"]),
    /** What is signed, with `{timestamp}` and `{body}`, such as `{timestamp}.{body}`. */
    signedContent: z.string(),
    encoding: z.enum(["hex", "base64"]),
    toleranceSeconds: toleranceSeconds(),
  })
  .strict();

export type SignatureHeaderSettings = z.infer<typeof signatureHeaderSettingsSchema>;

/** The header's time and signatures; undefined unless there is exactly one time. */
export function parseSignatureHeader(text: string, s: SignatureHeaderSettings): { timestamp: string; signatures: string[] } | undefined {
  const times: string[] = [];
  const signatures: string[] = [];
  for (const item of text.split(s.separator)) {
    const at = item.indexOf("=");
    if (at < 0) continue;
    const [key, value] = [item.slice(0, at).trim(), item.slice(at + 1).trim()];
    if (key === s.timestampKey) times.push(value);
    if (key === s.signatureKey) signatures.push(value);
  }
  return times.length === 1 ? { timestamp: times[0], signatures } : undefined;
}

export const signatureHeader: SignatureScheme<SignatureHeaderSettings> = {
  settings: signatureHeaderSettingsSchema,
  ...oneHeaderProof<SignatureHeaderSettings>(),
  verify(request, s, secrets) {
    const header = headerValue(request.headers, s.header);
    if (header.trim() === "") return rejected("missing-signature");
    const parsed = parseSignatureHeader(header, s);
    if (!parsed) return rejected("malformed-signature");
    const problem = timestampProblem(parsed.timestamp, request.receivedAt, s.toleranceSeconds);
    if (problem) return rejected(problem);
    const presented = parsed.signatures.map((v) => decodeDigest(v, s.encoding, "sha256")).filter((d): d is Buffer => d !== undefined);
    if (presented.length === 0) return rejected("malformed-signature");
    const content = signedBytes(s.signedContent, { body: request.body, timestamp: parsed.timestamp, id: "", url: request.url });
    return matchVerdict(presented, secrets.map((secret) => mac("sha256", secret, ...content)), content);
  },
};

/** The settings of a sender that signs this way, with its replay window. */
export function signatureHeaderOf(
  format: Omit<SignatureHeaderSettings, "scheme" | "toleranceSeconds">,
): (settings: { readonly toleranceSeconds: number }) => SignatureHeaderSettings {
  return ({ toleranceSeconds: tolerance }) => ({ scheme: "signature-header", ...format, toleranceSeconds: tolerance });
}
