import { z } from "zod";
import { constantTimeEqual } from "../constant-time";
import { headerValue } from "../headers";
import { SourceSecretError } from "../source-secret";
import { GENUINE, JSON_CONTENT, rejected, type SignatureScheme } from "./scheme";

const HEADER = "authorization";
const BASIC = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;

/** `Authorization: Basic base64(user:password)`; each active secret is one `user:password`. */
export const basicAuthSettingsSchema = z.object({ scheme: z.literal("basic-auth") });

export const basicAuth: SignatureScheme<z.infer<typeof basicAuthSettingsSchema>> = {
  settings: basicAuthSettingsSchema,
  headers: () => [HEADER],
  deliveryIdHeader: () => undefined,
  contentTypes: [JSON_CONTENT],
  verify(request, _s, secrets) {
    if (secrets.some((secret) => !secret.includes(":"))) throw new SourceSecretError("a basic-auth secret must be user:password");
    const header = headerValue(request.headers, HEADER);
    if (header.trim() === "") return rejected("missing-credentials");
    const match = BASIC.exec(header);
    if (!match) return rejected("malformed-signature");
    const presented = Buffer.from(match[1], "base64");
    let matched = false;
    for (const secret of secrets) matched = constantTimeEqual(presented, secret) || matched;
    return matched ? GENUINE : rejected("credentials-mismatch");
  },
  sign: (_message, _s, secret) => ({ [HEADER]: `Basic ${Buffer.from(secret, "utf8").toString("base64")}` }),
};
