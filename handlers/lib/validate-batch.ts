import { payloadSchemas } from "../../schemas";
import { EnvelopeError, parseEnvelope, rawBody, type Envelope } from "./envelope";
import { eventTypeOf } from "./event-type";
import { parsePayload, PayloadError, stringField } from "./payload";
import { verifyRequest, type RejectReason } from "./schemes";
import { parseSourceSecret, SourceSecretError, type SourceSecrets } from "./source-secret";
import type { SourceSettings } from "./source-settings";

/** One SQS record as EventBridge Pipes hands it to the state machine (only what is read here). */
export interface PipeRecord {
  readonly messageId: string;
  readonly body: string;
}

/** A genuine, well-formed delivery, ready for processing. */
export interface VerifiedEvent {
  readonly source: string;
  /** The sender's id of the delivery (its header, or its payload field) where it has one, else the API request id. */
  readonly deliveryId: string;
  readonly requestId: string;
  readonly receivedAt: number;
  /** The sender's name for the event's type, where it gives one. */
  readonly eventType?: string;
  readonly payload: unknown;
}

/** Why a record must be tried again: a fault on our side, never the sender's. */
export type RetryReason = "malformed-envelope" | "unknown-source" | "unknown-schema" | "secret-unavailable";

/**
 * The verdict on one record. `rejected` deliveries are forged or malformed: recorded, then deleted.
 * `retry` records stay on the queue and, after the configured receives, rest in the DLQ intact.
 */
export type ValidatedItem =
  | { readonly messageId: string; readonly outcome: "verified"; readonly event: VerifiedEvent }
  | { readonly messageId: string; readonly outcome: "rejected"; readonly source: string; readonly reason: RejectReason | "invalid-payload" }
  | { readonly messageId: string; readonly outcome: "retry"; readonly source?: string; readonly reason: RetryReason };

/** The AWS calls and logging the validation needs, kept behind a small interface so it stays pure. */
export interface ValidateDependencies {
  readonly sources: Readonly<Record<string, SourceSettings>>;
  /** Returns the secret string stored at the ARN. */
  readonly secretString: (secretArn: string) => Promise<string>;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
}

/** Decodes, authenticates and schema-checks every record of a batch, one verdict each. */
export async function validateBatch(records: readonly PipeRecord[], deps: ValidateDependencies): Promise<ValidatedItem[]> {
  // Records are checked concurrently: share one fetch (and parse) of each source's secret.
  const secrets = new Map<string, Promise<SourceSecrets>>();
  const secretFor = (secretArn: string) => {
    if (!secrets.has(secretArn)) secrets.set(secretArn, deps.secretString(secretArn).then(parseSourceSecret));
    return secrets.get(secretArn)!;
  };
  return Promise.all(records.map((record) => validateRecord(record, deps, secretFor)));
}

async function validateRecord(
  record: PipeRecord,
  deps: ValidateDependencies,
  secretFor: (secretArn: string) => Promise<SourceSecrets>,
): Promise<ValidatedItem> {
  const { messageId } = record;
  let envelope: Envelope;
  let body: Buffer;
  try {
    envelope = parseEnvelope(record.body);
    body = rawBody(envelope);
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    return retry(deps, messageId, "malformed-envelope", { detail: error.reason });
  }
  const { source, deliveryId, requestId, receivedAt } = envelope;
  const context: RecordContext = { messageId, source, deliveryId };
  const settings = deps.sources[source];
  if (!settings) return retry(deps, messageId, "unknown-source", context);
  const schema = (payloadSchemas as Record<string, (typeof payloadSchemas)[keyof typeof payloadSchemas]>)[settings.schema];
  if (!schema) return retry(deps, messageId, "unknown-schema", context);

  let verdict;
  try {
    const secrets = await secretFor(settings.secretArn).catch((error: Error) => {
      throw error instanceof SourceSecretError ? error : new SourceSecretError(`could not fetch it (${error.name})`);
    });
    verdict = verifyRequest({ body, headers: envelope.headers, url: envelope.url, receivedAt }, settings.verification, secrets);
  } catch (error) {
    // Anything else is a bug: it fails the whole batch, which is then retried.
    if (!(error instanceof SourceSecretError)) throw error;
    return retry(deps, messageId, "secret-unavailable", { ...context, detail: error.message });
  }
  if (!verdict.ok) return reject(deps, context, verdict.reason);

  let parsed: unknown;
  try {
    parsed = parsePayload(body, envelope.contentType);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return reject(deps, context, "invalid-payload", error.reason);
  }
  const payload = schema.safeParse(parsed);
  if (!payload.success) {
    const detail = payload.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return reject(deps, context, "invalid-payload", detail);
  }
  const eventType = eventTypeOf(settings.eventType, envelope.headers, payload.data);
  // Senders without a delivery id header (Stripe) keep their event's id in the body.
  const senderId = settings.deliveryIdField ? stringField(payload.data, settings.deliveryIdField) : undefined;
  return {
    messageId,
    outcome: "verified",
    event: { source, deliveryId: senderId ?? deliveryId, requestId, receivedAt, ...(eventType ? { eventType } : {}), payload: payload.data },
  };
}

interface RecordContext {
  readonly messageId: string;
  readonly source: string;
  readonly deliveryId: string;
}

function reject(deps: ValidateDependencies, context: RecordContext, reason: RejectReason | "invalid-payload", detail?: string): ValidatedItem {
  deps.log("delivery rejected", { ...context, reason, ...(detail ? { detail } : {}) });
  return { messageId: context.messageId, outcome: "rejected", source: context.source, reason };
}

function retry(deps: ValidateDependencies, messageId: string, reason: RetryReason, fields: Partial<RecordContext> & { detail?: string }): ValidatedItem {
  deps.log("delivery will be retried", { ...fields, messageId, reason });
  return { messageId, outcome: "retry", ...(fields.source ? { source: fields.source } : {}), reason };
}
