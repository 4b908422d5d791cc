import { z } from "zod";
import { HEADER_NAME_PATTERN, headerKey } from "./headers";

const headerName = z.string().regex(HEADER_NAME_PATTERN, "must be an HTTP header name").transform(headerKey);

/** HMAC-SHA256 over the raw body, sent in a header, optionally with a prefix such as `sha256=`. */
export const hmacSha256VerificationSchema = z.object({
  scheme: z.literal("hmac-sha256"),
  /** The header that carries the signature. @default "x-signature" */
  header: headerName.default("x-signature"),
  /** How the digest is written in the header. @default "hex" */
  encoding: z.enum(["hex", "base64"]).default("hex"),
  /** Text before the digest in the header, such as `sha256=`. @default "" */
  prefix: z.string().max(32).default(""),
  /** Also require `Authorization: Basic ...` matching the secret's `basicAuth`. @default false */
  basicAuth: z.boolean().default(false),
});

/** How a source proves its deliveries are genuine; one member per scheme. */
export const verificationSchema = z.discriminatedUnion("scheme", [hmacSha256VerificationSchema]);

export type Verification = z.infer<typeof verificationSchema>;

/** The headers a verification reads: the API forwards exactly these (plus the delivery id header). */
export function verificationHeaders(verification: Verification): string[] {
  return verification.basicAuth ? [verification.header, "authorization"] : [verification.header];
}
