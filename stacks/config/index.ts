import { z } from "zod";
import { describeInputIssues } from "../../delivery/zod-issues";
import { backendSchema } from "../backend";
import { alarmsSchema } from "./alarms";
import { apiSchema } from "./api";
import { codeSigningSchema } from "./code-signing";
import { encryptionSchema } from "./encryption";
import { eventsSchema } from "./events";
import { functionsChecks, functionsSchema } from "./functions";
import { idempotencyChecks, idempotencySchema } from "./idempotency";
import { logRetentionDaysSchema } from "./logs";
import { environmentSchema, namePrefixSchema, regionSchema } from "./names";
import { pipeChecks, pipeSchema } from "./pipe";
import { policySchema } from "./policy";
import { quarantineSchema } from "./quarantine";
import { defaultMaxMessageSizeBytes, queueChecks, queueSchema } from "./queue";
import type { CrossFieldCheck } from "./section";
import { sourcesChecks, sourcesSchema } from "./sources";
import { stateMachineSchema } from "./state-machine";
import { wafSchema } from "./waf";

// The config, assembled from its sections (one file each: its schema, its defaults, its checks
// across fields). The documentation of each section is here, where the config reference reads it.

export { idempotencyExpirySeconds } from "./idempotency";
export { bodyRoutes, secretNameOf, sourceConfigSchema, sourcesEnvironmentValue, type SourceConfig } from "./sources";

const pipelineShape = {
  /** Deployment environment; part of every resource name. @default "dev" */
  environment: environmentSchema,
  /** First part of every resource name. @default "webhooks" */
  namePrefix: namePrefixSchema,
  /** The AWS region, that of the scope's provider: URLs, ARNs and the dashboard are built for it. @default "us-east-1" */
  region: regionSchema,
  /** Webhook sources by name; each gets `POST /webhooks/{name}`. */
  sources: sourcesSchema,
  /** The deliveries queue and its dead-letter queue. */
  queue: queueSchema,
  /** The quarantine, where rejected deliveries rest with their reasons. */
  quarantine: quarantineSchema,
  /** The EventBridge Pipe from the queue to the state machine. */
  pipe: pipeSchema,
  /** The EXPRESS state machine that validates, then processes, each batch. */
  stateMachine: stateMachineSchema,
  /** The validate and process Lambda functions. */
  functions: functionsSchema,
  /** The record of processed deliveries (and replay claims). */
  idempotency: idempotencySchema,
  /** The event bus verified deliveries are put on. */
  events: eventsSchema,
  /** What raises an alarm, and who is told. */
  alarms: alarmsSchema,
  /** Days CloudWatch keeps every log group. @default 30 */
  logRetentionDays: logRetentionDaysSchema,
  /** The REST API senders post to. */
  api: apiSchema,
  /** AWS WAF in front of the API (about $10 a month plus $0.60 per million requests). */
  waf: wafSchema,
  /** Lambda code signing: functions run only code signed by the pipeline's AWS Signer profile. */
  codeSigning: codeSigningSchema,
  /** How deliveries, secrets and logs are encrypted at rest. */
  encryption: encryptionSchema,
  /** The compliance rules (`npm run policy`) and the decisions not to follow some. */
  policy: policySchema,
};

/** The pipeline's settings, for `WebhookPipeline`: every key known, every default documented. */
export const webhookPipelineSchema = z.object(pipelineShape).strict();

/** A whole stack's settings: the pipeline's, and what only a stack has (its tags and its state). */
export const webhookConfigSchema = webhookPipelineSchema
  .extend({
    /** Tags on every resource (provider default tags). @default {} */
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
    /** Remote state (S3, or HCP Terraform); without it the state stays in a local file. @default {} (local) */
    backend: backendSchema,
  })
  .strict();

export type WebhookPipelineInput = z.input<typeof webhookPipelineSchema>;

/** `T` with every field, at every depth, read-only: props are read, never written. */
export type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
/** Parsed settings with the defaults that depend on other settings filled in. */
type Filled<T extends { queue: { maxMessageSizeBytes?: number } }> = Omit<T, "queue"> & { queue: T["queue"] & { maxMessageSizeBytes: number } };
export type WebhookPipelineConfig = Filled<z.output<typeof webhookPipelineSchema>>;
export type WebhookConfigInput = z.input<typeof webhookConfigSchema>;
export type WebhookConfig = Filled<z.output<typeof webhookConfigSchema>>;

/** Raised when a configuration is invalid; lists every problem at once, each with its path. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid webhook configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/** Validates a stack's configuration and fills in the documented defaults; throws ConfigError listing every problem. */
export function parseWebhookConfig(input: WebhookConfigInput): WebhookConfig {
  return parseStrictly(webhookConfigSchema, input);
}

/** Validates a pipeline's settings and fills in the documented defaults; throws ConfigError listing every problem. */
export function parseWebhookPipelineConfig(input: DeepReadonly<WebhookPipelineInput>): WebhookPipelineConfig {
  return parseStrictly(webhookPipelineSchema, input);
}

/**
 * Parses `input`, reporting every problem at once: each field's, each unknown key's (with the key
 * probably meant) and, so that fixing one problem never reveals another, the checks across fields
 * whose sections parsed even when others did not.
 */
function parseStrictly<S extends typeof webhookPipelineSchema | typeof webhookConfigSchema>(schema: S, input: unknown): Filled<z.output<S>> {
  const result = schema.safeParse(input);
  const problems = result.success ? [] : describeInputIssues(result.error.issues, input, schema);
  const sections = fillDerivedDefaults(result.success ? result.data : parsedSections(input));
  for (const { needs, check } of CROSS_FIELD_CHECKS) {
    if (needs.every((section) => section in sections)) problems.push(...check(sections as WebhookPipelineConfig));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return sections as Filled<z.output<S>>;
}

/** The defaults that depend on other settings: the queue's message size follows the batch size. */
function fillDerivedDefaults<T extends Partial<z.output<typeof webhookPipelineSchema>>>(sections: T): T {
  if (!sections.queue || sections.queue.maxMessageSizeBytes !== undefined || !sections.pipe) return sections;
  return { ...sections, queue: { ...sections.queue, maxMessageSizeBytes: defaultMaxMessageSizeBytes(sections.pipe) } };
}

/** The top-level sections of `input` that parse on their own. */
function parsedSections(input: unknown): Partial<z.output<typeof webhookPipelineSchema>> {
  if (input === null || typeof input !== "object") return {};
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(pipelineShape)) {
    const parsed = (schema as z.ZodTypeAny).safeParse((input as Record<string, unknown>)[key]);
    if (parsed.success) sections[key] = parsed.data;
  }
  return sections;
}


/** Every section's checks across fields, in the config's order: problems are reported in it. */
const CROSS_FIELD_CHECKS: readonly CrossFieldCheck<WebhookPipelineConfig>[] = [...sourcesChecks, ...queueChecks, ...pipeChecks, ...functionsChecks, ...idempotencyChecks];
