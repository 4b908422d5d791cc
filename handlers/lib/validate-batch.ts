import { payloadSchemas } from "../../schemas";
import { EnvelopeError, parseEnvelope, rawBody, type Envelope } from "./envelope";
import { verifyRequest, type RejectReason } from "./schemes";
import { parseSourceSecret, SourceSecretError, type SourceSecret } from "./source-secret";
import type { SourceSettings } from "./source-settings";

/** One SQS record as EventBridge Pipes hands it to the state machine (only what is read here). */
export interface PipeRecord {
  readonly messageId: string;
  readonly body: string;
}

/** A genuine, well-formed delivery, ready for processing. */
export interface VerifiedEvent {
  readonly source: string;
  readonly deliveryId: string;
  readonly requestId: string;
  readonly receivedAt: number;
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
  | { readonly messageId: string; readonly outcome: "rejected"; readonly reason: RejectReason | "invalid-payload" }
  | { readonly messageId: string; readonly outcome: "retry"; readonly reason: RetryReason };

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
  const secrets = new Map<string, Promise<SourceSecret>>();
  const secretFor = (secretArn: string) => {
    if (!secrets.has(secretArn)) secrets.set(secretArn, deps.secretString(secretArn).then(parseSourceSecret));
    return secrets.get(secretArn)!;
  };
  return Promise.all(records.map((record) => validateRecord(record, deps, secretFor)));
}

async function validateRecord(
  record: PipeRecord,
  deps: ValidateDependencies,
  secretFor: (secretArn: string) => Promise<SourceSecret>,
): Promise<ValidatedItem> {
  const { messageId } = record;
  let envelope: Envelope;
  try {
    envelope = parseEnvelope(record.body);
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    return retry(deps, messageId, "malformed-envelope", { detail: error.reason });
  }
  const context = { messageId, source: envelope.source, deliveryId: envelope.deliveryId };
  const settings = deps.sources[envelope.source];
  if (!settings) return retry(deps, messageId, "unknown-source", context);
  const schema = (payloadSchemas as Record<string, (typeof payloadSchemas)[keyof typeof payloadSchemas]>)[settings.schema];
  if (!schema) return retry(deps, messageId, "unknown-schema", context);

  const body = rawBody(envelope);
  let verdict;
  try {
    const secret = await secretFor(settings.secretArn);
    verdict = verifyRequest({ body, headers: envelope.headers }, settings.verification, secret);
  } catch (error) {
    const detail = error instanceof SourceSecretError ? error.message : `could not fetch: ${(error as Error).name}`;
    return retry(deps, messageId, "secret-unavailable", { ...context, detail });
  }
  if (!verdict.ok) return reject(deps, messageId, verdict.reason, context);

  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return reject(deps, messageId, "invalid-payload", { ...context, detail: "body is not JSON" });
  }
  const payload = schema.safeParse(json);
  if (!payload.success) {
    const detail = payload.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return reject(deps, messageId, "invalid-payload", { ...context, detail });
  }
  const { source, deliveryId, requestId, receivedAt } = envelope;
  return { messageId, outcome: "verified", event: { source, deliveryId, requestId, receivedAt, payload: payload.data } };
}

function reject(
  deps: ValidateDependencies,
  messageId: string,
  reason: RejectReason | "invalid-payload",
  fields: Record<string, unknown>,
): ValidatedItem {
  deps.log("delivery rejected", { ...fields, messageId, reason });
  return { messageId, outcome: "rejected", reason };
}

function retry(deps: ValidateDependencies, messageId: string, reason: RetryReason, fields: Record<string, unknown>): ValidatedItem {
  deps.log("delivery will be retried", { ...fields, messageId, reason });
  return { messageId, outcome: "retry", reason };
}
