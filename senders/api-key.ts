import { z } from "zod";
import { constantTimeEqual } from "./constant-time";
import { headerName, headerValue } from "../delivery/headers";
import { genuine, oneHeaderProof, rejected, type SignatureScheme } from "./scheme";

/** A shared key sent as is in a header, such as `X-Api-Key: <key>` or `Authorization: Bearer <key>`. */
export const apiKeySettingsSchema = z.object({
  scheme: z.literal("api-key"),
  /** The header carrying the key. @default "x-api-key" */
  header: headerName().default("x-api-key"),
  /** Text before the key, such as `Bearer `. @default "" */
  prefix: z.string().max(32).default(""),
}).strict();

export type ApiKeySettings = z.infer<typeof apiKeySettingsSchema>;

export const apiKey: SignatureScheme<ApiKeySettings> = {
  settings: apiKeySettingsSchema,
  ...oneHeaderProof<ApiKeySettings>(),
  verify(request, s, secrets) {
    const sent = headerValue(request.headers, s.header).trim();
    if (sent === "") return rejected("missing-credentials");
    const prefix = s.prefix.trim();
    // An Authorization header's scheme (`Bearer`) is case-insensitive (RFC 9110, 11.1); other prefixes are not.
    const presentedPrefix = sent.slice(0, prefix.length);
    const prefixMatches = s.header === "authorization" ? presentedPrefix.toLowerCase() === prefix.toLowerCase() : presentedPrefix === prefix;
    if (!prefixMatches) return rejected("malformed-signature");
    const key = sent.slice(prefix.length).trim();
    let matched = false;
    for (const secret of secrets) matched = constantTimeEqual(key, secret) || matched;
    // A key proves who sent it, not what: the body is all a replay can be known by.
    return matched ? genuine([request.body]) : rejected("credentials-mismatch");
  },
};
