import { createHmac } from "node:crypto";
import { constantTimeEqual } from "../constant-time";
import { headerValue } from "../headers";
import type { Verification } from "../verification";
import { GENUINE, rejected, type Scheme } from "./scheme";

const ENCODED = { hex: /^(?:[0-9a-fA-F]{2})+$/, base64: /^[A-Za-z0-9+/]+={0,2}$/ } as const;

/** HMAC-SHA256 of the raw body with any of the source's signing keys, compared in constant time. */
export const verifyHmacSha256: Scheme<Verification> = (request, settings, secret) => {
  const sent = headerValue(request.headers, settings.header).trim();
  if (sent === "") return rejected("missing-signature");
  if (!sent.startsWith(settings.prefix)) return rejected("malformed-signature");
  const encoded = sent.slice(settings.prefix.length);
  if (!ENCODED[settings.encoding].test(encoded)) return rejected("malformed-signature");
  const signature = Buffer.from(encoded, settings.encoding);
  // Every key is tried, match or not, so timing does not tell which key (if any) matched.
  let matched = false;
  for (const key of secret.signingKeys) {
    const expected = createHmac("sha256", key).update(request.body).digest();
    matched = constantTimeEqual(signature, expected) || matched;
  }
  return matched ? GENUINE : rejected("signature-mismatch");
};
