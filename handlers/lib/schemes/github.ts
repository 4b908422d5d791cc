import { z } from "zod";
import { hmacPreset, type HmacSettings } from "./hmac";

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; delivery id in
 * `X-GitHub-Delivery`. https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export const githubSettingsSchema = z.object({ scheme: z.literal("github") });

const AS_HMAC: HmacSettings = {
  scheme: "hmac",
  algorithm: "sha256",
  encoding: "hex",
  header: "x-hub-signature-256",
  prefix: "sha256=",
  signedContent: "{body}",
  toleranceSeconds: 300,
};

export const github = hmacPreset(githubSettingsSchema, () => AS_HMAC, { deliveryIdHeader: "x-github-delivery" });
