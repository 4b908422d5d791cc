import { z } from "zod";
import { microsoftGraphSettingsSchema } from "./microsoft-graph";
import { mailgunSettingsSchema } from "./mailgun";
import { metaSettingsSchema } from "./meta";
import { xSettingsSchema } from "./x";
import { discordSettingsSchema } from "./discord";
import { sendgridSettingsSchema } from "./sendgrid";
import { linearSettingsSchema } from "./linear";
import { intercomSettingsSchema } from "./intercom";
import { lemonSqueezySettingsSchema } from "./lemon-squeezy";
import { segmentSettingsSchema } from "./segment";
import { bitbucketSettingsSchema } from "./bitbucket";
import { jiraSettingsSchema } from "./jira";
import { notionSettingsSchema } from "./notion";
import { typeformSettingsSchema } from "./typeform";
import { vercelSettingsSchema } from "./vercel";
import { sentrySettingsSchema } from "./sentry";
import { pagerdutySettingsSchema } from "./pagerduty";
import { woocommerceSettingsSchema } from "./woocommerce";
import { dropboxSettingsSchema } from "./dropbox";
import { coinbaseCommerceSettingsSchema } from "./coinbase-commerce";
import { circleciSettingsSchema } from "./circleci";
import { docusignSettingsSchema } from "./docusign";
import { xeroSettingsSchema } from "./xero";
import { giteaSettingsSchema } from "./gitea";
import { asanaSettingsSchema } from "./asana";
import { zoomSettingsSchema } from "./zoom";
import { twitchSettingsSchema } from "./twitch";
import { webflowSettingsSchema } from "./webflow";
import { squareSettingsSchema } from "./square";
import { hubspotSettingsSchema } from "./hubspot";
import { trelloSettingsSchema } from "./trello";
import { zendeskSettingsSchema } from "./zendesk";
import { paddleSettingsSchema } from "./paddle";
import { calendlySettingsSchema } from "./calendly";
import { muxSettingsSchema } from "./mux";
import { buildkiteSettingsSchema } from "./buildkite";
import { resendSettingsSchema } from "./resend";
import { clerkSettingsSchema } from "./clerk";
import { gitlabSettingsSchema } from "./gitlab";
import { telegramSettingsSchema } from "./telegram";
import { postmarkSettingsSchema } from "./postmark";
import { apiKeySettingsSchema } from "./api-key";
import { basicAuthSettingsSchema } from "./basic-auth";
import { githubSettingsSchema } from "./github";
import { hmacSettingsSchema } from "./hmac";
import { schemeOf, type Verification } from "./index";
import { shopifySettingsSchema } from "./shopify";
import { slackSettingsSchema } from "./slack";
import { standardWebhooksSettingsSchema } from "./standard-webhooks";
import { stripeSettingsSchema } from "./stripe";
import { twilioSettingsSchema } from "./twilio";

/** How a source proves its deliveries genuine: a scheme's name and its settings. */
export const verificationSchema = z
  .discriminatedUnion("scheme", [
    githubSettingsSchema,
    stripeSettingsSchema,
    standardWebhooksSettingsSchema,
    slackSettingsSchema,
    shopifySettingsSchema,
    twilioSettingsSchema,
    hmacSettingsSchema,
    basicAuthSettingsSchema,
    apiKeySettingsSchema,
    linearSettingsSchema,
    intercomSettingsSchema,
    lemonSqueezySettingsSchema,
    segmentSettingsSchema,
    bitbucketSettingsSchema,
    jiraSettingsSchema,
    notionSettingsSchema,
    typeformSettingsSchema,
    vercelSettingsSchema,
    sentrySettingsSchema,
    pagerdutySettingsSchema,
    woocommerceSettingsSchema,
    dropboxSettingsSchema,
    coinbaseCommerceSettingsSchema,
    circleciSettingsSchema,
    docusignSettingsSchema,
    xeroSettingsSchema,
    giteaSettingsSchema,
    asanaSettingsSchema,
    zoomSettingsSchema,
    twitchSettingsSchema,
    webflowSettingsSchema,
    squareSettingsSchema,
    hubspotSettingsSchema,
    trelloSettingsSchema,
    zendeskSettingsSchema,
    paddleSettingsSchema,
    calendlySettingsSchema,
    muxSettingsSchema,
    buildkiteSettingsSchema,
    resendSettingsSchema,
    clerkSettingsSchema,
    gitlabSettingsSchema,
    telegramSettingsSchema,
    postmarkSettingsSchema,
    microsoftGraphSettingsSchema,
    mailgunSettingsSchema,
    metaSettingsSchema,
    xSettingsSchema,
    discordSettingsSchema,
    sendgridSettingsSchema,
  ])
  .superRefine((verification, ctx) => {
    for (const message of schemeOf(verification).problems?.(verification) ?? []) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }
  });

export type { Verification };
