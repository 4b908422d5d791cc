import type { SchemeName, Verification } from "..";
import { apiKey } from "./api-key";
import { microsoftGraph } from "./microsoft-graph";
import { mailgun } from "./mailgun";
import { meta } from "./meta";
import { x } from "./x";
import { discord } from "./discord";
import { sendgrid } from "./sendgrid";
import { basicAuth } from "./basic-auth";
import { github } from "./github";
import { hmac } from "./hmac";
import { shopify } from "./shopify";
import { linear } from "./linear";
import { intercom } from "./intercom";
import { lemonSqueezy } from "./lemon-squeezy";
import { segment } from "./segment";
import { bitbucket } from "./bitbucket";
import { jira } from "./jira";
import { notion } from "./notion";
import { typeform } from "./typeform";
import { vercel } from "./vercel";
import { sentry } from "./sentry";
import { pagerduty } from "./pagerduty";
import { woocommerce } from "./woocommerce";
import { dropbox } from "./dropbox";
import { coinbaseCommerce } from "./coinbase-commerce";
import { circleci } from "./circleci";
import { docusign } from "./docusign";
import { xero } from "./xero";
import { gitea } from "./gitea";
import { asana } from "./asana";
import { zoom } from "./zoom";
import { twitch } from "./twitch";
import { webflow } from "./webflow";
import { square } from "./square";
import { hubspot } from "./hubspot";
import { trello } from "./trello";
import { zendesk } from "./zendesk";
import { paddle } from "./paddle";
import { calendly } from "./calendly";
import { mux } from "./mux";
import { buildkite } from "./buildkite";
import { resend } from "./resend";
import { clerk } from "./clerk";
import { gitlab } from "./gitlab";
import { telegram } from "./telegram";
import { postmark } from "./postmark";
import type { OutgoingMessage, Signer } from "./signer";
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
  linear,
  intercom,
  "lemon-squeezy": lemonSqueezy,
  segment,
  bitbucket,
  jira,
  notion,
  typeform,
  vercel,
  sentry,
  pagerduty,
  woocommerce,
  dropbox,
  "coinbase-commerce": coinbaseCommerce,
  circleci,
  docusign,
  xero,
  gitea,
  asana,
  zoom,
  twitch,
  webflow,
  square,
  hubspot,
  trello,
  zendesk,
  paddle,
  calendly,
  mux,
  buildkite,
  resend,
  clerk,
  gitlab,
  telegram,
  postmark,
  "microsoft-graph": microsoftGraph,
  mailgun,
  meta,
  x,
  discord,
  sendgrid,
};

/** The signer of the scheme a verification names, typed to accept its settings. */
export function signerOf(verification: Verification): Signer<Verification> {
  return SIGNERS[verification.scheme] as unknown as Signer<Verification>;
}

/** What a sender posts for `message`: its body (signed inside, for some senders) and its headers. */
export function signMessage(verification: Verification, message: OutgoingMessage, secret: string): { body: Buffer; headers: Record<string, string> } {
  const signer = signerOf(verification);
  const body = signer.body?.(message, verification, secret) ?? message.body;
  return { body, headers: signer.sign({ ...message, body }, verification, secret) };
}

/** The URL a sender posts `body` to, given its endpoint. */
export function postUrl(verification: Verification, endpoint: string, body: Buffer, contentType: string): string {
  return signerOf(verification).url?.(endpoint, body, contentType) ?? endpoint;
}

export type { OutgoingHandshake, OutgoingMessage, Signer } from "./signer";
