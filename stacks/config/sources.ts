import { z } from "zod";
import { eventTypeSourceSchema } from "../../delivery/event-type";
import { headerName } from "../../delivery/headers";
import { FORM_CONTENT, JSON_CONTENT } from "../../delivery/payload";
import { encodeSourcesSettings, SOURCES_ENV, sourcesSettings } from "../../delivery/source-settings";
import { API_GATEWAY_MAX_BODY_BYTES } from "../../delivery/stored-delivery";
import { defaultSchemaOf, payloadSchemaNames } from "../../schemas";
import { schemeOf } from "../../senders";
import { isCidr, REFRESHED_RANGES } from "../../senders/ip-ranges";
import { verificationSchema } from "../../senders/verification";
import { bodyRouteOf, maxBodyProblem, S3_NOTIFICATION_BYTES } from "../body-limits";
import type { QueueConfig } from "./queue";
import { ACCOUNT_BURST_LIMIT, ACCOUNT_RATE_LIMIT } from "./api";
import { at, name, type CrossFieldCheck } from "./section";

/** Ranges one source may list: the API's resource policy holds every source's, in at most 8 KiB. */
const MAX_SOURCE_IP_RANGES = 60;

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

/** What names a stack's resources, as the sources' checks and settings read it. */
interface Names {
  readonly namePrefix: string;
  readonly environment: string;
  readonly region: string;
}
type Sources = { readonly sources: Readonly<Record<string, SourceConfig>> };

export const sourcesSchema = z
  .record(name(/^[a-z][a-z0-9-]{0,30}$/, "a source name is 1 to 31 lower-case letters, digits or dashes"), sourceConfigSchema)
  .refine((sources) => Object.keys(sources).length > 0, "at least one source is needed");

/** Each source's body route, by name: stored in the payload bucket, or inline in the queue. */
export function bodyRoutes(config: Sources & { readonly queue: Pick<QueueConfig, "maxMessageSizeBytes"> }) {
  return Object.fromEntries(Object.entries(config.sources).map(([name, source]) => [name, bodyRouteOf(source, config.queue.maxMessageSizeBytes)]));
}

// The queue's message size is known once the pipe's batch is: the first check needs the pipe too.
export const sourcesChecks: readonly CrossFieldCheck<Sources & Names & { queue: QueueConfig; pipe: unknown }>[] = [
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
export function secretNameOf(config: Pick<Names, "namePrefix" | "environment">, source: string): string {
  return `${config.namePrefix}/${config.environment}/${source}`;
}

/**
 * The value of the functions' sources variable: the settings of `sources` (every source by
 * default), as JSON while it fits the budget, compressed beyond.
 */
export function sourcesEnvironmentValue(config: Sources & Pick<Names, "namePrefix" | "environment">, sources = config.sources): string {
  return encodeSourcesSettings(sourcesSettings(sources, (source) => secretNameOf(config, source)), SOURCES_ENVIRONMENT_BUDGET);
}

/** IAM allows 10,240 characters of inline policy per role; the validate role's lists each source's secret. */
const INLINE_ROLE_POLICY_LIMIT = 10_240;
/** The validate role's statements other than its secrets', with the customer-managed key's: measured, with room. */
const OTHER_STATEMENTS_ALLOWANCE = 1_200;

/** The validate role's policy lists every secret's ARN, known only at apply: estimated at its longest, rather than fail deploy. */
function rolePolicyProblem(config: Sources & Names): string | undefined {
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
function lambdaEnvironmentProblem(config: Sources & Pick<Names, "namePrefix" | "environment">): string | undefined {
  const size = sourcesEnvironmentValue(config).length;
  return size > SOURCES_ENVIRONMENT_BUDGET
    ? `the ${Object.keys(config.sources).length} sources' settings take ${size} bytes of the validate function's environment, compressed, ` +
        `above the ${SOURCES_ENVIRONMENT_BUDGET} available: split them across stacks`
    : undefined;
}
