import { z } from "zod";
import { headerName, headerValue } from "../delivery/headers";
import { decodeDigest, hmac as mac, matchVerdict, TIMESTAMP_FORMATS, timestampProblem, toleranceSeconds } from "./digest";
import { rejected, type SignatureScheme } from "./scheme";
import { JSON_CONTENT } from "../delivery/payload";

const PLACEHOLDER = /\{(\w+)\}/g;
const PLACEHOLDERS = ["body", "timestamp", "id", "url"];

/** Any HMAC sender: algorithm, encoding, header, prefix and what is signed are all settings. */
export const hmacSettingsSchema = z.object({
  scheme: z.literal("hmac"),
  /** The hash the HMAC uses. @default "sha256" */
  algorithm: z.enum(["sha1", "sha256", "sha512"]).default("sha256"),
  /** How the digest is written. @default "hex" */
  encoding: z.enum(["hex", "base64"]).default("hex"),
  /** The header carrying the signature. @default "x-signature" */
  header: headerName().default("x-signature"),
  /** Text before the digest, such as `sha256=`. @default "" */
  prefix: z.string().max(32).default(""),
  /**
   * What is signed: `{body}` (the raw bytes), optionally with `{timestamp}` and `{id}` from their
   * headers and `{url}` (the public URL the sender posted to) around it, such as
   * `v0:{timestamp}:{body}`. @default "{body}"
   */
  signedContent: z.string().min(1).max(256).default("{body}"),
  /** Header with the signing time; required when `{timestamp}` is signed. @default none */
  timestampHeader: headerName().optional(),
  /** How that header writes the time: Unix seconds, Unix milliseconds or RFC 3339. @default "unix" */
  timestampFormat: z.enum(TIMESTAMP_FORMATS).default("unix"),
  /** Header with the message id; required when `{id}` is signed. @default none */
  idHeader: headerName().optional(),
  /** Replay window around the signed timestamp, in seconds, past and future. @default 300 */
  toleranceSeconds: toleranceSeconds(),
}).strict();

export type HmacSettings = z.infer<typeof hmacSettingsSchema>;

/** The pieces `signedContent` stands for: the body's bytes, and text around them. */
export function signedBytes(template: string, values: { body: Buffer; timestamp: string; id: string; url: string }): (Buffer | string)[] {
  const byName: Record<string, Buffer | string> = { "{body}": values.body, "{timestamp}": values.timestamp, "{id}": values.id, "{url}": values.url };
  return template
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== "")
    .map((piece) => byName[piece] ?? piece);
}

export const hmac: SignatureScheme<HmacSettings> = {
  settings: hmacSettingsSchema,
  headers: (s) => [s.header, ...(s.timestampHeader ? [s.timestampHeader] : []), ...(s.idHeader ? [s.idHeader] : [])],
  deliveryIdHeader: (s) => s.idHeader,
  proofHeaders: (s) => [s.header],
  contentTypes: [JSON_CONTENT],
  problems(s) {
    const used = [...s.signedContent.matchAll(PLACEHOLDER)].map((m) => m[1]);
    const problems = used.filter((name) => !PLACEHOLDERS.includes(name)).map((name) => `signedContent: unknown placeholder {${name}}`);
    if (used.filter((name) => name === "body").length !== 1) problems.push("signedContent: must contain {body} exactly once");
    if (used.includes("timestamp") !== Boolean(s.timestampHeader)) {
      problems.push("timestampHeader: needed exactly when signedContent has {timestamp} (an unsigned timestamp proves nothing)");
    }
    if (used.includes("id") && !s.idHeader) problems.push("idHeader: needed when signedContent has {id}");
    return problems;
  },
  verify(request, s, secrets) {
    const sent = headerValue(request.headers, s.header).trim();
    if (sent === "") return rejected("missing-signature");
    const timestamp = s.timestampHeader ? headerValue(request.headers, s.timestampHeader).trim() : "";
    if (s.timestampHeader) {
      const problem = timestampProblem(timestamp, request.receivedAt, s.toleranceSeconds, s.timestampFormat);
      if (problem) return rejected(problem);
    }
    const id = s.idHeader ? headerValue(request.headers, s.idHeader) : "";
    if (s.idHeader && id === "") return rejected("missing-id");
    const digest = sent.startsWith(s.prefix) ? decodeDigest(sent.slice(s.prefix.length), s.encoding, s.algorithm) : undefined;
    if (!digest) return rejected("malformed-signature");
    const content = signedBytes(s.signedContent, { body: request.body, timestamp, id, url: request.url });
    return matchVerdict([digest], secrets.map((key) => mac(s.algorithm, key, ...content)), content);
  },
};

/** What a sender's HMAC changes from HMAC-SHA256, in hex, of the raw body alone, with no prefix. */
export type HmacDifferences = Partial<Omit<HmacSettings, "scheme" | "toleranceSeconds">> & Pick<HmacSettings, "header">;

/** The settings of a sender that signs with an HMAC, with its replay window where it signs a time. */
export function hmacOf(differences: HmacDifferences): (settings: { readonly scheme: string; readonly toleranceSeconds?: number }) => HmacSettings {
  return ({ toleranceSeconds: tolerance = 300 }) => ({
    scheme: "hmac",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "",
    signedContent: "{body}",
    timestampFormat: "unix",
    ...differences,
    toleranceSeconds: tolerance,
  });
}
