import { z } from "zod";
import { hmac, hmacOf } from "./hmac";
import { preset } from "./preset";

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>` keyed with the app's
 * client secret; delivery id in `X-Shopify-Webhook-Id`, event type in `X-Shopify-Topic`. https://shopify.dev/docs/apps/build/webhooks/subscribe/https
 */
export const shopifySettingsSchema = z.object({ scheme: z.literal("shopify") }).strict();

const AS_HMAC = hmacOf({ header: "x-shopify-hmac-sha256", encoding: "base64" });

export const shopify = preset(hmac, shopifySettingsSchema, AS_HMAC, { deliveryIdHeader: "x-shopify-webhook-id", eventType: { header: "x-shopify-topic" } });
