import { SourceSecretError, type SourceSecret } from "../source-secret";
import type { Verification } from "../verification";
import { verifyBasicAuth } from "./basic-auth";
import { verifyHmacSha256 } from "./hmac-sha256";
import { GENUINE, type SignedRequest, type Verdict } from "./scheme";

/**
 * Runs every check a source's verification asks for; the first failing check decides the reason.
 * A secret that lacks what a check needs is a configuration fault, not a forgery: it throws, so the
 * delivery is retried (and ends in the DLQ) rather than rejected.
 */
export function verifyRequest(request: SignedRequest, verification: Verification, secret: SourceSecret): Verdict {
  if (secret.signingKeys.length === 0) throw new SourceSecretError("it holds no signing key");
  if (verification.basicAuth && secret.basicAuth.length === 0) {
    throw new SourceSecretError("basic auth is on but it holds no basicAuth entry");
  }
  const signature = verifyHmacSha256(request, verification, secret);
  if (!signature.ok) return signature;
  return verification.basicAuth ? verifyBasicAuth(request, verification, secret) : GENUINE;
}

export type { RejectReason, SignedRequest, Verdict } from "./scheme";
