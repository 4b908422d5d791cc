import { SourceSecretError } from "./source-secret";
import { apiKey } from "./api-key";
import { basicAuth } from "./basic-auth";
import { github } from "./github";
import { hmac } from "./hmac";
import type { SignatureScheme, SignedRequest, Verdict } from "./scheme";
import { shopify } from "./shopify";
import { slack } from "./slack";
import { standardWebhooks } from "./standard-webhooks";
import { stripe } from "./stripe";
import { twilio } from "./twilio";

/** Every scheme, by the name a source's `verification.scheme` gives. */
export const SCHEMES = {
  github,
  stripe,
  "standard-webhooks": standardWebhooks,
  slack,
  shopify,
  twilio,
  hmac,
  "basic-auth": basicAuth,
  "api-key": apiKey,
} as const;

type Schemes = typeof SCHEMES;
export type SchemeName = keyof Schemes;
/** A source's verification settings: one scheme's settings, tagged by `scheme`. */
export type Verification = { [K in SchemeName]: Schemes[K] extends SignatureScheme<infer S> ? S : never }[SchemeName];

/** The scheme a verification names, typed to accept its settings. */
export function schemeOf(verification: Verification): SignatureScheme<Verification> {
  return SCHEMES[verification.scheme] as unknown as SignatureScheme<Verification>;
}

/**
 * Judges a request with its source's scheme and active secrets. No secret at all is our
 * configuration fault, not a forgery: it throws, so the delivery is retried rather than rejected.
 */
export function verifyRequest(request: SignedRequest, verification: Verification, secrets: readonly string[]): Verdict {
  if (secrets.length === 0) throw new SourceSecretError("it holds no secret");
  return schemeOf(verification).verify(request, verification, secrets);
}

export type { RejectReason, SignedRequest, Verdict } from "./scheme";
