import type { SchemeName, Verification } from "..";
import { apiKey } from "./api-key";
import { basicAuth } from "./basic-auth";
import { github } from "./github";
import { hmac } from "./hmac";
import { shopify } from "./shopify";
import type { Signer } from "./signer";
import { slack } from "./slack";
import { standardWebhooks } from "./standard-webhooks";
import { stripe } from "./stripe";
import { twilio } from "./twilio";

/** Every scheme's signer, by scheme name: a scheme without one does not compile. */
export const SIGNERS: { readonly [K in SchemeName]: Signer<Extract<Verification, { scheme: K }>> } = {
  github,
  stripe,
  "standard-webhooks": standardWebhooks,
  slack,
  shopify,
  twilio,
  hmac,
  "basic-auth": basicAuth,
  "api-key": apiKey,
};

/** The signer of the scheme a verification names, typed to accept its settings. */
export function signerOf(verification: Verification): Signer<Verification> {
  return SIGNERS[verification.scheme] as unknown as Signer<Verification>;
}

/** The URL a sender posts `body` to, given its endpoint. */
export function postUrl(verification: Verification, endpoint: string, body: Buffer, contentType: string): string {
  return signerOf(verification).url?.(endpoint, body, contentType) ?? endpoint;
}

export type { OutgoingMessage, Signer } from "./signer";
