import { z } from "zod";
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
  ])
  .superRefine((verification, ctx) => {
    for (const message of schemeOf(verification).problems?.(verification) ?? []) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }
  });

export type { Verification };
