import { z } from "zod";
import { apiKeySettingsSchema } from "./schemes/api-key";
import { basicAuthSettingsSchema } from "./schemes/basic-auth";
import { githubSettingsSchema } from "./schemes/github";
import { hmacSettingsSchema } from "./schemes/hmac";
import { schemeOf, type Verification } from "./schemes";
import { shopifySettingsSchema } from "./schemes/shopify";
import { slackSettingsSchema } from "./schemes/slack";
import { standardWebhooksSettingsSchema } from "./schemes/standard-webhooks";
import { stripeSettingsSchema } from "./schemes/stripe";
import { twilioSettingsSchema } from "./schemes/twilio";

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
  ])
  .superRefine((verification, ctx) => {
    for (const message of schemeOf(verification).problems?.(verification) ?? []) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }
  });

export type { Verification };
