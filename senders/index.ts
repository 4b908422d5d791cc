import { SourceSecretError } from "./source-secret";
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
  const scheme = schemeOf(verification);
  if (secrets.length === 0 && !scheme.secretless) throw new SourceSecretError("it holds no secret");
  return scheme.verify(request, verification, secrets);
}

export type { RejectReason, SignedRequest, Verdict } from "./scheme";
