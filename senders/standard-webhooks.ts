import { z } from "zod";
import { headerValue } from "../delivery/headers";
import { decodeDigest, hmac, matchVerdict, timestampProblem, toleranceSeconds } from "./digest";
import { SourceSecretError } from "./source-secret";
import { rejected, type SignatureScheme } from "./scheme";
import { JSON_CONTENT } from "../delivery/payload";

/**
 * Standard Webhooks (and Svix, with `svix-*` header names): `webhook-signature` is a space-separated
 * list of `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">`, keyed with the base64 bytes
 * of a `whsec_...` secret. https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export const standardWebhooksSettingsSchema = z.object({
  scheme: z.literal("standard-webhooks"),
  /** Header names: `webhook-id`, ... or Svix's `svix-id`, .... @default "webhook" */
  headerPrefix: z.enum(["webhook", "svix"]).default("webhook"),
  /** Replay window, in seconds, past and future. @default 300 (the specification's) */
  toleranceSeconds: toleranceSeconds(),
}).strict();

export type StandardWebhooksSettings = z.infer<typeof standardWebhooksSettingsSchema>;

export const names = (s: StandardWebhooksSettings) => ({
  id: `${s.headerPrefix}-id`,
  timestamp: `${s.headerPrefix}-timestamp`,
  signature: `${s.headerPrefix}-signature`,
});

/** The signing key: the base64 after `whsec_` (or the whole secret without that prefix). */
export function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new SourceSecretError("a Standard Webhooks secret must be whsec_ and base64");
  return Buffer.from(encoded, "base64");
}

export const standardWebhooks: SignatureScheme<StandardWebhooksSettings> = {
  settings: standardWebhooksSettingsSchema,
  headers: (s) => Object.values(names(s)),
  deliveryIdHeader: (s) => names(s).id,
  proofHeaders: (s) => [names(s).signature],
  contentTypes: [JSON_CONTENT],
  // The specification's payload carries its type: {"type": "...", "timestamp": ..., "data": {...}}.
  eventType: { field: "type" },
  verify(request, s, secrets) {
    const header = names(s);
    const signatures = headerValue(request.headers, header.signature).trim();
    if (signatures === "") return rejected("missing-signature");
    const id = headerValue(request.headers, header.id);
    if (id === "") return rejected("missing-id");
    const timestamp = headerValue(request.headers, header.timestamp).trim();
    const problem = timestampProblem(timestamp, request.receivedAt, s.toleranceSeconds);
    if (problem) return rejected(problem);
    const presented = signatures
      .split(" ")
      .filter((entry) => entry.startsWith("v1,"))
      .map((entry) => decodeDigest(entry.slice(3), "base64", "sha256"))
      .filter((d): d is Buffer => d !== undefined);
    if (presented.length === 0) return rejected("malformed-signature");
    const signed = [`${id}.${timestamp}.`, request.body];
    return matchVerdict(presented, secrets.map((secret) => hmac("sha256", signingKey(secret), ...signed)), signed);
  },
};
