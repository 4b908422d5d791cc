import { z } from "zod";
import { constantTimeEqual } from "./constant-time";
import { headerValue } from "../delivery/headers";
import { SourceSecretError } from "./source-secret";
import { genuine, rejected, type SignatureScheme } from "./scheme";
import { JSON_CONTENT } from "../delivery/payload";

export const BASIC_AUTH_HEADER = "authorization";
const BASIC = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;

/** `Authorization: Basic base64(user:password)`; each active secret is one `user:password`. */
export const basicAuthSettingsSchema = z.object({ scheme: z.literal("basic-auth") }).strict();

export type BasicAuthSettings = z.infer<typeof basicAuthSettingsSchema>;

export const basicAuth: SignatureScheme<BasicAuthSettings> = {
  settings: basicAuthSettingsSchema,
  headers: () => [BASIC_AUTH_HEADER],
  proofHeaders: () => [BASIC_AUTH_HEADER],
  deliveryIdHeader: () => undefined,
  contentTypes: [JSON_CONTENT],
  verify(request, _s, secrets) {
    if (secrets.some((secret) => !secret.includes(":"))) throw new SourceSecretError("a basic-auth secret must be user:password");
    const header = headerValue(request.headers, BASIC_AUTH_HEADER);
    if (header.trim() === "") return rejected("missing-credentials");
    const match = BASIC.exec(header);
    if (!match) return rejected("malformed-signature");
    const presented = Buffer.from(match[1], "base64");
    let matched = false;
    for (const secret of secrets) matched = constantTimeEqual(presented, secret) || matched;
    // Credentials prove who sent it, not what: the body is all a replay can be known by.
    return matched ? genuine([request.body]) : rejected("credentials-mismatch");
  },
};
