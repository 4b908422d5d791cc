import { z } from "zod";
import { hmac, type HmacSettings } from "./hmac";
import { preset } from "./preset";

/**
 * Gitea (and Forgejo): `X-Gitea-Signature: <hex HMAC-SHA256 of the raw body>` keyed with the
 * webhook's secret; event type in `X-Gitea-Event`. https://docs.gitea.com/usage/webhooks
 */
export const giteaSettingsSchema = z
  .object({
    scheme: z.literal("gitea"),
  })
  .strict();

export const gitea = preset(
  hmac,
  giteaSettingsSchema,
  (): HmacSettings => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    header: "x-gitea-signature",
    toleranceSeconds: 300,
  }),
  { eventType: { header: "x-gitea-event" } },
);
