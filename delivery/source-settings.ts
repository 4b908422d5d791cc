import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import { eventTypeSourceSchema } from "./event-type";
import { schemeOf } from "../senders";
import { verificationSchema } from "../senders/verification";

/** The environment variable through which the stack tells the validate handler about its sources. */
export const SOURCES_ENV = "WEBHOOK_SOURCES";

/** What the validate handler needs to know of one source. */
export const sourceSettingsSchema = z.object({
  /** Name of the payload schema in `schemas/index.ts`. */
  schema: z.string(),
  /**
   * The Secrets Manager secret holding the source's signing key(s): its name, known at synth (an
   * ARN works too; GetSecretValue takes either, and IAM judges the call by the secret's ARN).
   */
  secretId: z.string(),
  verification: verificationSchema,
  /** Payload field with the sender's event id; it replaces the envelope's delivery id when present. */
  deliveryIdField: z.string().optional(),
  /** Where the sender names the event type, if it does. */
  eventType: eventTypeSourceSchema.optional(),
  /**
   * The header the API takes the delivery id from, when the source has one. The validate function
   * reads the id from the envelope; tools that act as the sender (`npm run send`) read this.
   */
  deliveryIdHeader: z.string().optional(),
});

export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

/**
 * What the validate function is told of one source, from its configuration and its secret's name:
 * only what verification needs, so that the sources fit the function's 4 KiB environment.
 */
export function sourceSettings(source: Omit<SourceSettings, "secretId">, secretId: string): SourceSettings {
  const { schema, verification, eventType, deliveryIdField, deliveryIdHeader } = source;
  return {
    schema,
    secretId,
    verification,
    ...(eventType ? { eventType } : {}),
    ...(deliveryIdField ? { deliveryIdField } : {}),
    ...(deliveryIdHeader ? { deliveryIdHeader } : {}),
  };
}

/** What the validate function is told of every source. */
export function sourcesSettings(
  sources: Readonly<Record<string, Omit<SourceSettings, "secretId">>>,
  secretId: (source: string) => string,
): Record<string, SourceSettings> {
  return Object.fromEntries(Object.entries(sources).map(([source, settings]) => [source, sourceSettings(settings, secretId(source))]));
}

/** The headers a source's envelope carries: those its scheme reads, its delivery id and event type. */
export function forwardedHeaders(source: Pick<SourceSettings, "verification" | "deliveryIdHeader" | "eventType">): string[] {
  const headers = [...schemeOf(source.verification).headers(source.verification)];
  if (source.deliveryIdHeader) headers.push(source.deliveryIdHeader);
  if (source.eventType && "header" in source.eventType) headers.push(source.eventType.header);
  return [...new Set(headers)];
}

const sourcesSettingsSchema = z.record(sourceSettingsSchema);

/** What a compressed value starts with; plain JSON starts with `{`. */
const GZIP = "gzip:";

/**
 * The sources' settings as the environment variable carries them: JSON, readable in a plan, while
 * it fits `readableUpTo` bytes; past that, gzip in base64, which holds about ten times as many
 * sources (their settings repeat). Deterministic: the same settings give the same value.
 */
export function encodeSourcesSettings(settings: Readonly<Record<string, SourceSettings>>, readableUpTo: number): string {
  const json = JSON.stringify(settings);
  return json.length <= readableUpTo ? json : `${GZIP}${gzipSync(json, { level: 9 }).toString("base64")}`;
}

/** The sources' settings from the variable's value, JSON or compressed. */
export function decodeSourcesSettings(text: string): Record<string, SourceSettings> {
  const json = text.startsWith(GZIP) ? gunzipSync(Buffer.from(text.slice(GZIP.length), "base64")).toString("utf8") : text;
  return sourcesSettingsSchema.parse(JSON.parse(json));
}

/** Reads the sources from the environment; throws (failing the whole batch safely) when it is wrong. */
export function loadSourcesSettings(env: NodeJS.ProcessEnv = process.env): Record<string, SourceSettings> {
  const text = env[SOURCES_ENV];
  if (!text) throw new Error(`${SOURCES_ENV} is not set`);
  return decodeSourcesSettings(text);
}
