import { z } from "zod";
import { eventTypeSourceSchema } from "../delivery/event-type";
import { headerName } from "../delivery/headers";
import { schemeOf } from "../senders";
import { FORM_CONTENT, JSON_CONTENT } from "../delivery/payload";
import { isCidr, REFRESHED_RANGES } from "../senders/ip-ranges";
import { verificationSchema } from "../senders/verification";
import { encodeSourcesSettings, SOURCES_ENV, sourcesSettings } from "../delivery/source-settings";
import { describeInputIssues } from "../delivery/zod-issues";
import { defaultSchemaOf, payloadSchemaNames } from "../schemas";
import { backendSchema } from "./backend";
import { MIN_REASON_LENGTH, RULES } from "./rules";
import { batchFitsProblem, batchingWindowProblem, deadLetterRetentionProblem, largestMessageFitting } from "./invariants";
import { API_GATEWAY_MAX_BODY_BYTES } from "../delivery/stored-delivery";
import { bodyRouteOf, maxBodyProblem, S3_NOTIFICATION_BYTES } from "./body-limits";

const DAY = 86_400;

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const name = (pattern: RegExp, what: string) => z.string().regex(pattern, what);

/** Ranges one source may list: the API's resource policy holds every source's, in at most 8 KiB. */
const MAX_SOURCE_IP_RANGES = 60;

/**
 * API Gateway's default account-level throttle per region, which every API of the account shares.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
const ACCOUNT_RATE_LIMIT = 10_000;
const ACCOUNT_BURST_LIMIT = 5_000;

/** A throttle on one method: steady requests per second, and the burst above them. */
const throttleSchema = z
  .object({
    /** Steady requests per second. */
    rateLimit: z.number().positive().max(ACCOUNT_RATE_LIMIT),
    /** Requests absorbed at once above the rate. */
    burstLimit: z.number().int().positive().max(ACCOUNT_BURST_LIMIT),
  })
  .strict();

export const sourceConfigSchema = z
  .object({
    /**
     * Payload schema, by its name in `schemas/index.ts`: `json` takes any JSON object (or list of them), `form` any
     * form. @default the sender's own where one ships (github, stripe, slack-command), else `form`
     * for a source that takes only forms, else `json`
     */
    schema: z.enum(payloadSchemaNames).optional(),
    /** How deliveries prove they are genuine: the sender's signature scheme and its settings. */
    verification: verificationSchema,
    /**
     * Header with the sender's delivery id (the deduplication key).
     * @default the scheme's (such as `X-GitHub-Delivery`), else the API request id
     */
    deliveryIdHeader: headerName().optional(),
    /**
     * Top-level payload field with the sender's id of the event, which then keys idempotency.
     * @default the scheme's (Stripe's `id`)
     */
    deliveryIdField: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a top-level field name").optional(),
    /**
     * Content types the route accepts; others get 415. JSON bodies are checked against the model at
     * the API, forms against the schema in the validate step. @default the scheme's sender's
     */
    contentTypes: z.array(z.enum([JSON_CONTENT, FORM_CONTENT])).min(1).optional(),
    /**
     * Where the sender names the event type, the EventBridge detail-type: `{ header }` or a payload
     * `{ field }`. @default the scheme's (such as `X-GitHub-Event`, Stripe's `type`), else "webhook"
     */
    eventType: eventTypeSourceSchema.optional(),
    /**
     * This source's own throttle: API Gateway gives each method its own token bucket, so a flood on
     * one source never takes another's. @default the stage's (api.throttlingRateLimit, api.throttlingBurstLimit)
     */
    throttle: throttleSchema.optional(),
    /**
     * Answer the sender's handshake (Slack's url_verification, Meta's hub.challenge...): a GET
     * handshake gets a method of its own; a POST handshake routes every request of the source
     * through the handshake function, which queues what is not a handshake. @default the sender's:
     * on where it makes one, but for Slack, whose slash commands need none (turn it on for the Events API)
     */
    handshake: z.boolean().optional(),
    /**
     * Addresses the route accepts requests from, in an API resource policy: CIDR ranges, or
     * "published" for the ranges the sender publishes (GitHub, Stripe), as last refreshed into
     * `senders/ip-ranges/published.json` by `npm run ip-ranges -- --refresh`. @default any address
     */
    allowedSourceIps: z
      .union([z.literal("published"), z.array(z.string().refine(isCidr, "a CIDR range such as 192.0.2.0/24 or 2001:db8::/32")).min(1).max(MAX_SOURCE_IP_RANGES)])
      .optional(),
    /**
     * The largest body the source accepts, in bytes; a larger one gets 413. Up to what a queue
     * message holds, bodies go to the queue inline; above, every body of the source is stored in the
     * payload bucket (S3 PUT, $5 per million) and the queue carries a pointer: a stored route takes
     * all that API Gateway does, 10 MiB less its headers. @default 10475520 (stored), but for a sender
     * that signs the URL's query (Twilio) or has a POST handshake: what a queue message holds
     */
    maxBodyBytes: z.number().int().min(1).max(API_GATEWAY_MAX_BODY_BYTES).optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.handshake && !schemeOf(source.verification).handshake) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["handshake"], message: `the ${source.verification.scheme} scheme's sender makes no handshake` });
    }
    if (source.allowedSourceIps === "published" && !REFRESHED_RANGES[source.verification.scheme]) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["allowedSourceIps"],
        message: `the ${source.verification.scheme} scheme's sender publishes no ranges we know of (${Object.keys(REFRESHED_RANGES).join(", ")} do): list its CIDR ranges`,
      });
    }
  })
  // The scheme's knowledge of its sender fills in what the source leaves out.
  .transform((source) => {
    const scheme = schemeOf(source.verification);
    const contentTypes = source.contentTypes ?? [...scheme.contentTypes];
    return {
      ...source,
      schema: source.schema ?? defaultSchemaOf(source.verification.scheme, contentTypes),
      deliveryIdHeader: source.deliveryIdHeader ?? scheme.deliveryIdHeader(source.verification),
      deliveryIdField: source.deliveryIdField ?? scheme.deliveryIdField,
      contentTypes,
      eventType: source.eventType ?? scheme.eventType,
      handshake: source.handshake ?? (scheme.handshake !== undefined && !scheme.handshake.optional),
      allowedSourceIps: source.allowedSourceIps === "published" ? [...REFRESHED_RANGES[source.verification.scheme].ranges] : source.allowedSourceIps,
    };
  });

export type SourceConfig = z.output<typeof sourceConfigSchema>;


const pipelineShape = {
  /** Deployment environment; part of every resource name. @default "dev" */
  environment: name(/^[a-z][a-z0-9]{0,9}$/, "lower-case letters and digits, at most 10, starting with a letter").default("dev"),
  /** First part of every resource name. @default "webhooks" */
  namePrefix: name(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, "2 to 20 lower-case letters, digits or dashes").default("webhooks"),
  /** The AWS region, that of the scope's provider: URLs, ARNs and the dashboard are built for it. @default "us-east-1" */
  region: name(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "an AWS region such as eu-west-1").default("us-east-1"),
  /** Webhook sources by name; each gets `POST /webhooks/{name}`. */
  sources: z
    .record(name(/^[a-z][a-z0-9-]{0,30}$/, "a source name is 1 to 31 lower-case letters, digits or dashes"), sourceConfigSchema)
    .refine((sources) => Object.keys(sources).length > 0, "at least one source is needed"),
  /** The deliveries queue and its dead-letter queue. */
  queue: z
    .object({
      /** Receives before a message moves to the DLQ. @default 3 */
      maxReceiveCount: z.number().int().min(1).max(1000).default(3),
      /** Queue retention, in seconds. @default 7 days */
      retentionSeconds: z.number().int().min(60).max(14 * DAY).default(7 * DAY),
      /** DLQ retention, in seconds; must exceed the queue's. @default 14 days */
      deadLetterRetentionSeconds: z.number().int().min(60).max(14 * DAY).default(14 * DAY),
      /**
       * Largest accepted message, in bytes: an inline envelope, about 4/3 of its body, or a stored
       * delivery's pointer. @default the largest of which a full batch fits one execution (12,083 at
       * the default batch of 10), at most 262,144 (provider 5's cap; SQS takes 1 MiB from provider 6.8)
       */
      maxMessageSizeBytes: z.number().int().min(1024).max(262_144).optional(),
      /**
       * Visibility timeout as a multiple of the state machine timeout (at most 12 × 300 s, well
       * under SQS's 12-hour cap). @default 6
       */
      visibilityTimeoutFactor: z.number().int().min(2).max(12).default(6),
    })
    .strict()
    .default({}),
  /** The quarantine, where rejected deliveries rest with their reasons. */
  quarantine: z
    .object({
      /** How long a rejected delivery is kept for inspection and release, in seconds (SQS's most). @default 14 days */
      retentionSeconds: z.number().int().min(60).max(14 * DAY).default(14 * DAY),
    })
    .strict()
    .default({}),
  /** The EventBridge Pipe from the queue to the state machine. */
  pipe: z
    .object({
      /**
       * Most messages per state machine execution. A full batch of the largest messages must fit
       * one Step Functions input, so the batch bounds queue.maxMessageSizeBytes and with it the
       * inline bodies (1: 175 KiB, 4: 30 KiB, 10: 8.1 KiB); stored bodies of any size batch alike.
       * @default 10, the most SQS batches without a batching window
       */
      batchSize: z.number().int().min(1).max(10_000).default(10),
      /** Longest wait to fill a batch, in seconds. @default 1 */
      maximumBatchingWindowSeconds: z.number().int().min(0).max(300).default(1),
    })
    .strict()
    .default({}),
  /** The EXPRESS state machine that validates, then processes, each batch. */
  stateMachine: z
    .object({
      /** Execution timeout, in seconds (EXPRESS allows 300 at most). @default 60 */
      timeoutSeconds: z.number().int().min(10).max(300).default(60),
      /** Verified messages of a batch processed at once. @default 10 */
      maxConcurrency: z.number().int().min(1).max(40).default(10),
    })
    .strict()
    .default({}),
  /** The validate and process Lambda functions. */
  functions: z
    .object({
      /** Memory of each function, in MB. @default 256 */
      memorySizeMb: z.number().int().min(128).max(10_240).default(256),
      /** Timeout of each function, in seconds; below the state machine's. @default 30 */
      timeoutSeconds: z.number().int().min(1).max(300).default(30),
      /**
       * Concurrent executions reserved for each function, which also caps it: a flood of deliveries
       * cannot take the account's whole Lambda pool, and the pipeline always has this much. `null`
       * reserves nothing (needed where the account's concurrency quota is at its minimum).
       * @default { validate: 10, process: 20 }
       */
      reservedConcurrency: z
        .object({
          /** Concurrent executions of the validate function, or null for none reserved. @default 10 */
          validate: z.number().int().min(1).max(10_000).nullable().default(10),
          /** Concurrent executions of the process function, or null for none reserved; at least one batch's deliveries. @default 20 */
          process: z.number().int().min(1).max(10_000).nullable().default(20),
        })
        .strict()
        .default({}),
    })
    .strict()
    .default({}),
  /** The record of processed deliveries (and replay claims). */
  idempotency: z
    .object({
      /**
       * How long a processed delivery's record is kept, in seconds: a duplicate arriving within it
       * is not processed again. Must outlast the DLQ retention, the longest a delivery can still be
       * redriven. @default deadLetterRetentionSeconds + 1 day
       */
      expirySeconds: z.number().int().min(3_600).max(366 * DAY).optional(),
    })
    .strict()
    .default({}),
  /** The event bus verified deliveries are put on. */
  events: z
    .object({
      /** Days the bus's archive keeps events for replay; 0 keeps them forever. @default 30 */
      archiveRetentionDays: z.number().int().min(0).max(3_650).default(30),
    })
    .strict()
    .default({}),
  /** What raises an alarm, and who is told. */
  alarms: z
    .object({
      /** An address alarms are emailed to; it must confirm the subscription. @default none */
      email: z.string().email().optional(),
      /** Age of the oldest queued delivery that raises an alarm, in seconds. @default 900 */
      oldestMessageAgeSeconds: z.number().int().min(60).max(14 * DAY).default(900),
      /** Rejected deliveries in five minutes that raise an alarm. @default 20 */
      rejectedDeliveriesPerFiveMinutes: z.number().int().min(0).max(1_000_000).default(20),
    })
    .strict()
    .default({}),
  /** Days CloudWatch keeps every log group. @default 30 */
  logRetentionDays: z
    .number()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), `must be one of ${LOG_RETENTION_DAYS.join(", ")}`)
    .default(30),
  /** The REST API senders post to. */
  api: z
    .object({
      /** Stage name, the first path segment. @default "v1" */
      stageName: name(/^[A-Za-z0-9_]{1,64}$/, "letters, digits and underscores").default("v1"),
      /** Steady requests per second, for each source's method (each has its own bucket). @default 100 */
      throttlingRateLimit: z.number().positive().max(ACCOUNT_RATE_LIMIT).default(100),
      /** Burst above the rate, for each source's method. @default 200 */
      throttlingBurstLimit: z.number().int().positive().max(ACCOUNT_BURST_LIMIT).default(200),
      /** Execution log level. @default "ERROR" */
      loggingLevel: z.enum(["OFF", "ERROR", "INFO"]).default("ERROR"),
      /** Manage the region-wide API Gateway CloudWatch role. @default true */
      manageAccountCloudWatchRole: z.boolean().default(true),
      /**
       * A custom domain for the API. Senders are then given its URLs, and schemes that sign the
       * URL (Twilio) verify against it. Point a DNS alias at the `api-domain-target` output.
       */
      customDomain: z
        .object({
          /** Such as `hooks.example.com`. */
          domainName: name(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lower-case DNS name such as hooks.example.com"),
          /** ARN of an ACM certificate for the domain, in the stack's region. */
          certificateArn: name(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, "an ACM certificate ARN"),
          /** Path under the domain where the stage is mapped. @default "" (the root) */
          basePath: name(/^[A-Za-z0-9._-]{0,64}$/, "letters, digits, dots, dashes and underscores").default(""),
        })
        .strict()
        .optional(),
    })
    .strict()
    .default({}),
  /** AWS WAF in front of the API (about $10 a month plus $0.60 per million requests). */
  waf: z
    .object({
      /** Put a web ACL on the stage. @default false */
      enabled: z.boolean().default(false),
      /**
       * Requests one IP address may make in 5 minutes before WAF blocks it (WAF's least is 10).
       * @default half the stage's steady rate over 5 minutes: api.throttlingRateLimit × 150
       */
      rateLimitPerFiveMinutes: z.number().int().min(10).max(2_000_000_000).optional(),
      /**
       * AWS managed rule groups, in order, each with the rules of it that only count.
       * @default IP reputation, anonymous IPs (hosting providers counted) and known bad inputs (body rules counted)
       */
      managedRuleGroups: z
        .array(
          z
            .object({
              /** Such as AWSManagedRulesKnownBadInputsRuleSet. */
              name: name(/^AWSManagedRules[A-Za-z0-9]+$/, "an AWS managed rule group such as AWSManagedRulesKnownBadInputsRuleSet"),
              /** Rules of the group that count, not block. @default none */
              countRules: z.array(name(/^[A-Za-z0-9_-]{1,128}$/, "a rule name such as Log4JRCE_BODY")).optional(),
            })
            .strict(),
        )
        .max(10)
        .optional(),
    })
    .strict()
    .default({}),
  /** Lambda code signing: functions run only code signed by the pipeline's AWS Signer profile. */
  codeSigning: z
    .object({
      /**
       * Sign each bundle (uploaded to a private, versioned bucket, signed by a Signer job) and
       * have Lambda check it. @default false
       */
      enabled: z.boolean().default(false),
      /** What Lambda does with unsigned code: refuse it ("Enforce") or deploy it and log a warning ("Warn"). @default "Enforce" */
      untrustedArtifactOnDeployment: z.enum(["Enforce", "Warn"]).default("Enforce"),
    })
    .strict()
    .default({}),
  /** How deliveries, secrets and logs are encrypted at rest. */
  encryption: z
    .object({
      /**
       * Encrypt the queues, the quarantine, the table, the secrets, the log groups and the
       * functions' environments with one customer-managed KMS key the pipeline creates (rotating
       * yearly; about $1 a month plus KMS requests), instead of AWS's own keys. @default false
       */
      customerManagedKey: z.boolean().default(false),
    })
    .strict()
    .default({}),
  /** The compliance rules (`npm run policy`) and the decisions not to follow some. */
  policy: z
    .object({
      /**
       * Rules not followed, each with its reason: `{ rule: "CKV_AWS_117", reason: "...",
       * resources: ["aws_lambda_function.*"] }` (Terraform addresses, `*` matching anything; all the
       * rule judges when left out). @default none
       */
      suppressions: z
        .array(
          z
            .object({
              /** The rule's id, as `npm run policy` lists it. */
              rule: z.enum(RULES.map((r) => r.id) as [string, ...string[]]),
              /** Why, as a security reviewer would read it. */
              reason: z.string().trim().min(MIN_REASON_LENGTH, `a reason a reviewer can judge: ${MIN_REASON_LENGTH} characters at least`),
              /** Terraform addresses the decision covers. @default every resource the rule judges */
              resources: z.array(z.string().regex(/^[a-z0-9_]+\.[A-Za-z0-9_*-]+$/, "a Terraform address such as aws_lambda_function.*")).min(1).optional(),
            })
            .strict(),
        )
        .default([]),
    })
    .strict()
    .default({}),
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

/** How long idempotency records live, in seconds. */
export function idempotencyExpirySeconds(config: Pick<WebhookPipelineConfig, "idempotency" | "queue">): number {
  return config.idempotency.expirySeconds ?? config.queue.deadLetterRetentionSeconds + DAY;
}

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
  return { ...sections, queue: { ...sections.queue, maxMessageSizeBytes: Math.min(262_144, Math.max(1024, largestMessageFitting(sections.pipe.batchSize))) } };
}

/** Each source's body route, by name: stored in the payload bucket, or inline in the queue. */
export function bodyRoutes(config: Pick<WebhookPipelineConfig, "sources" | "queue">) {
  return Object.fromEntries(Object.entries(config.sources).map(([name, source]) => [name, bodyRouteOf(source, config.queue.maxMessageSizeBytes)]));
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

type Section = keyof typeof pipelineShape;

/** A check across fields: run when every section it `needs` parsed; each problem as `path: message`. */
interface CrossFieldCheck {
  readonly needs: readonly Section[];
  readonly check: (config: WebhookPipelineConfig) => string[];
}

const at = (path: string, problem: string | undefined) => (problem === undefined ? [] : [`${path}: ${problem}`]);

const CROSS_FIELD_CHECKS: readonly CrossFieldCheck[] = [
  {
    needs: ["functions", "pipe", "stateMachine"],
    check: ({ functions, pipe, stateMachine }) => {
      const processing = functions.reservedConcurrency.process;
      const batchParallelism = Math.min(pipe.batchSize, stateMachine.maxConcurrency);
      return at(
        "functions.reservedConcurrency.process",
        processing !== null && processing < batchParallelism
          ? `${processing} must be at least ${batchParallelism}: one batch processes that many deliveries at once (pipe.batchSize, stateMachine.maxConcurrency)`
          : undefined,
      );
    },
  },
  {
    needs: ["queue"],
    check: ({ queue }) => at("queue.deadLetterRetentionSeconds", deadLetterRetentionProblem(queue.retentionSeconds, queue.deadLetterRetentionSeconds)),
  },
  {
    needs: ["idempotency", "queue"],
    check: ({ idempotency, queue }) =>
      at(
        "idempotency.expirySeconds",
        idempotency.expirySeconds !== undefined && idempotency.expirySeconds <= queue.deadLetterRetentionSeconds
          ? `${idempotency.expirySeconds} s must exceed queue.deadLetterRetentionSeconds, ${queue.deadLetterRetentionSeconds} s: a redriven duplicate would be processed again`
          : undefined,
      ),
  },
  {
    needs: ["functions", "stateMachine"],
    check: ({ functions, stateMachine }) =>
      at(
        "functions.timeoutSeconds",
        functions.timeoutSeconds >= stateMachine.timeoutSeconds
          ? `${functions.timeoutSeconds} s must be below stateMachine.timeoutSeconds, ${stateMachine.timeoutSeconds} s, so a slow function fails inside the execution`
          : undefined,
      ),
  },
  {
    needs: ["pipe"],
    check: ({ pipe }) => at("pipe.maximumBatchingWindowSeconds", batchingWindowProblem(pipe.batchSize, pipe.maximumBatchingWindowSeconds)),
  },
  {
    needs: ["pipe", "queue"],
    check: ({ pipe, queue }) => at("queue.maxMessageSizeBytes", batchFitsProblem(pipe.batchSize, queue.maxMessageSizeBytes)),
  },
  {
    needs: ["sources", "queue", "pipe"],
    check: (config) => [
      ...Object.entries(config.sources).flatMap(([name, source]) => at(`sources.${name}.maxBodyBytes`, maxBodyProblem(source, config.queue.maxMessageSizeBytes))),
      ...at(
        "queue.maxMessageSizeBytes",
        Object.values(bodyRoutes(config)).some((route) => route.stored) && config.queue.maxMessageSizeBytes < S3_NOTIFICATION_BYTES
          ? `${config.queue.maxMessageSizeBytes} bytes cannot hold S3's notification of a stored delivery: at least ${S3_NOTIFICATION_BYTES}`
          : undefined,
      ),
    ],
  },
  { needs: ["sources", "namePrefix", "environment"], check: (config) => at("sources", lambdaEnvironmentProblem(config)) },
  { needs: ["sources", "region", "namePrefix", "environment"], check: (config) => at("sources", rolePolicyProblem(config)) },
];

/** Lambda allows 4 KiB of environment variables (names and values) per function. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;
/** Room kept for the other variables of the validate function (queue URL, table, Powertools settings). */
const OTHER_VARIABLES_ALLOWANCE = 640;

/** Bytes of the validate function's environment the sources' settings may take. */
const SOURCES_ENVIRONMENT_BUDGET = LAMBDA_ENVIRONMENT_LIMIT - OTHER_VARIABLES_ALLOWANCE - SOURCES_ENV.length;

/** The name of a source's secret, which its settings carry: known at synth, unlike its ARN. */
export function secretNameOf(config: Pick<WebhookPipelineConfig, "namePrefix" | "environment">, source: string): string {
  return `${config.namePrefix}/${config.environment}/${source}`;
}

/**
 * The value of the functions' sources variable: the settings of `sources` (every source by
 * default), as JSON while it fits the budget, compressed beyond.
 */
export function sourcesEnvironmentValue(config: Pick<WebhookPipelineConfig, "sources" | "namePrefix" | "environment">, sources = config.sources): string {
  return encodeSourcesSettings(sourcesSettings(sources, (source) => secretNameOf(config, source)), SOURCES_ENVIRONMENT_BUDGET);
}

/** IAM allows 10,240 characters of inline policy per role; the validate role's lists each source's secret. */
const INLINE_ROLE_POLICY_LIMIT = 10_240;
/** The validate role's statements other than its secrets', with the customer-managed key's: measured, with room. */
const OTHER_STATEMENTS_ALLOWANCE = 1_200;

/** The validate role's policy lists every secret's ARN, known only at apply: estimated at its longest, rather than fail deploy. */
function rolePolicyProblem(config: Pick<WebhookPipelineConfig, "sources" | "region" | "namePrefix" | "environment">): string | undefined {
  const arnsSize = Object.keys(config.sources)
    .map((source) => `"arn:aws-us-gov:secretsmanager:${config.region}:123456789012:secret:${secretNameOf(config, source)}-AbCdEf",`.length)
    .reduce((a, b) => a + b, 0);
  const size = OTHER_STATEMENTS_ALLOWANCE + arnsSize;
  return size > INLINE_ROLE_POLICY_LIMIT
    ? `the ${Object.keys(config.sources).length} sources' secrets take about ${size} characters of the validate function's role policy, ` +
        `above the ${INLINE_ROLE_POLICY_LIMIT} IAM allows: split them across stacks`
    : undefined;
}

/** The sources' settings travel in one environment variable: it must fit, compressed if need be. */
function lambdaEnvironmentProblem(config: Pick<WebhookPipelineConfig, "sources" | "namePrefix" | "environment">): string | undefined {
  const size = sourcesEnvironmentValue(config).length;
  return size > SOURCES_ENVIRONMENT_BUDGET
    ? `the ${Object.keys(config.sources).length} sources' settings take ${size} bytes of the validate function's environment, compressed, ` +
        `above the ${SOURCES_ENVIRONMENT_BUDGET} available: split them across stacks`
    : undefined;
}
