import { payloadSchemas } from "../../schemas";
import { createHash } from "node:crypto";
import { EnvelopeError, parseEnvelope, rawBody, type Envelope } from "../../delivery/envelope";
import { queuedMessageKind, StoredBodyError, storedEnvelope, type StoredBodyRef, type StoredObject } from "../../delivery/stored-delivery";
import { eventTypeOf } from "../../delivery/event-type";
import { parsePayload, PayloadError, stringField } from "../../delivery/payload";
import { replayKey } from "../../delivery/replay";
import { schemeOf, verifyRequest, type Verdict } from "../../senders";
import type { RejectionReason } from "../../delivery/quarantine";
import { redactFields } from "../../delivery/secret-fields";
import { parseSourceSecret, SourceSecretError, type SecretParts, type SourceSecrets } from "../../senders/source-secret";
import { forwardedHeaders, type SourceSettings } from "../../delivery/source-settings";
import { describeIssues, issueCodes } from "../../delivery/zod-issues";

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
  /** The parsed payload; absent when it is too large to travel through the execution, and `payloadRef` points at it. */
  readonly payload?: unknown;
  /** A stored delivery's body, when its payload is too large to travel through the execution. */
  readonly payloadRef?: PayloadRef;
  /** The key of the delivery's claim on its signed content, which the process step commits before it runs. */
  readonly claim: string;
}

/** A stored delivery's body, as the process step and the bus's consumers find it. */
export interface PayloadRef {
  readonly bucket: string;
  readonly key: string;
  /** Bytes. */
  readonly size: number;
  /** SHA-256 of the exact bytes verified, hex: a reader checks it before it trusts them. */
  readonly sha256: string;
  readonly contentType: string;
  /** Payload fields that hold the source's secret, removed before the payload travels on. */
  readonly secretFields?: readonly string[];
}

/** Why a record must be tried again: a fault on our side, never the sender's. */
export type RetryReason =
  | "malformed-envelope"
  | "unknown-source"
  | "unknown-schema"
  | "secret-unavailable"
  | "secret-refresh-unavailable"
  | "replay-check-unavailable"
  | "quarantine-unavailable"
  | "stored-body-missing"
  | "stored-body-altered"
  | "stored-body-unavailable"
  | "validation-failed";

/**
 * The verdict on one record. `rejected` deliveries are kept in the quarantine with their reason,
 * envelope intact, before the pipe deletes them from the queue; `retry` records stay on the queue
 * and, after the configured receives, rest in the DLQ intact.
 */
export type ValidatedItem =
  | { readonly messageId: string; readonly outcome: "verified"; readonly event: VerifiedEvent }
  | {
      readonly messageId: string;
      readonly outcome: "rejected";
      readonly source: string;
      readonly reason: RejectionReason;
      /** The message id the delivery has in the quarantine. */
      readonly quarantineMessageId: string;
      /** For a replay: the delivery that holds the content's claim. */
      readonly heldBy?: ClaimHolder;
    }
  | { readonly messageId: string; readonly outcome: "retry"; readonly source?: string; readonly reason: RetryReason }
  /** Not a delivery: S3's test of the bucket's notification, acknowledged. */
  | { readonly messageId: string; readonly outcome: "ignored"; readonly reason: "s3-test-event" };


/** A rejected delivery on its way to the quarantine. */
export interface Rejection {
  /** The record as the pipe delivered it: its body is the envelope, kept byte for byte. */
  readonly record: PipeRecord;
  readonly source: string;
  readonly deliveryId: string;
  readonly reason: RejectionReason;
  /** What exactly is wrong, for whoever looks at the quarantine; may quote the payload, so never logged. */
  readonly detail?: string;
  /** For a replay: the delivery that holds the content's claim. */
  readonly heldBy?: ClaimHolder;
}

/** A delivery's claim on its signed content, ordered by when the edge received it. */
export interface SignedContentClaim {
  readonly key: string;
  readonly deliveryId: string;
  /** When API Gateway received the delivery, in epoch milliseconds. */
  readonly receivedAt: number;
}

/** The delivery that holds a claim, and when the edge received it (epoch ms). */
export interface ClaimHolder {
  readonly deliveryId: string;
  readonly receivedAt: number;
}

export type ClaimOutcome = { readonly outcome: "claimed" } | { readonly outcome: "replay"; readonly holder: ClaimHolder };

/** The AWS calls and logging the validation needs, kept behind a small interface so it stays pure. */
export interface ValidateDependencies {
  readonly sources: Readonly<Record<string, SourceSettings>>;
  /** The secret string stored at the ARN, from a cache if it has one. */
  readonly secretString: (secretId: string) => Promise<string>;
  /**
   * The secret string read afresh, past any cache; undefined when it was read afresh successfully
   * too recently to ask again (the cached copy is that read). Rejects when it cannot be read afresh.
   */
  readonly freshSecretString: (secretId: string) => Promise<string | undefined>;
  /** Keeps a rejected delivery in the quarantine; resolves to its message id there. */
  readonly quarantine: (rejection: Rejection) => Promise<string>;
  /**
   * Records a claim, ordered by arrival; a replay, with its holder, when another delivery id holds
   * the same signed content (within the idempotency window) and was received earlier, or has
   * committed to processing. A claim by the same delivery id (a retry, a redrive, a sender's own
   * redelivery) succeeds again: idempotency keeps those from being processed twice.
   */
  readonly claim: (claim: SignedContentClaim) => Promise<ClaimOutcome>;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
  /**
   * Reads a stored delivery as it was written: rejects with a StoredBodyError when the object is
   * gone or is not the one notified (its entity tag differs).
   */
  readonly readStored?: (ref: StoredBodyRef) => Promise<StoredObject>;
  /**
   * The largest payload, as JSON, that travels through the execution in a verdict; a stored
   * delivery's larger payload goes on as a reference. @default all of them
   */
  readonly inlinePayloadBytes?: number;
}

/**
 * Decodes, authenticates and schema-checks every record of a batch, one verdict each. A record that
 * trips over a fault of our own is retried alone: no record fails its batch-mates.
 */
export async function validateBatch(records: readonly PipeRecord[], deps: ValidateDependencies): Promise<ValidatedItem[]> {
  const secrets = new BatchSecrets(deps);
  // Stored bodies are read and verified one at a time: ten of 10 MB at once would not fit the function's memory.
  let storedTurn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = storedTurn.then(work);
    storedTurn = turn.catch(() => undefined);
    return turn;
  };
  return Promise.all(
    records.map((record) =>
      validateRecord(record, deps, secrets, inTurn).catch((error: Error) =>
        // A bug, not the sender's fault; its message could quote the record, so only its name is logged.
        retry(deps, record.messageId, "validation-failed", { detail: error?.name ?? "unknown error" }),
      ),
    ),
  );
}

/** Secret signatures can mismatch because of a stale cache rather than a forgery. */
const MISMATCHES: readonly RejectionReason[] = ["signature-mismatch", "credentials-mismatch"];

type InTurn = <T>(work: () => Promise<T>) => Promise<T>;

async function validateRecord(record: PipeRecord, deps: ValidateDependencies, secrets: BatchSecrets, inTurn: InTurn): Promise<ValidatedItem> {
  const { messageId } = record;
  let message;
  try {
    message = queuedMessageKind(record.body);
    if (message.kind === "inline") {
      const envelope = parseEnvelope(record.body);
      return await validateDelivery(record, envelope, rawBody(envelope), undefined, deps, secrets);
    }
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    return retry(deps, messageId, "malformed-envelope", { detail: error.reason });
  }
  if (message.kind === "s3-test") {
    deps.log("S3's test of the bucket's notification acknowledged", { messageId });
    return { messageId, outcome: "ignored", reason: "s3-test-event" };
  }
  const { ref } = message;
  return inTurn(() => validateStored(record, ref, deps, secrets));
}

/** Reads a stored delivery back, checks it is the object notified, and validates it as an inline one. */
async function validateStored(record: PipeRecord, ref: StoredBodyRef, deps: ValidateDependencies, secrets: BatchSecrets): Promise<ValidatedItem> {
  const { messageId } = record;
  const source = ref.key.split("/")[0];
  const settings = deps.sources[source];
  if (!settings) return retry(deps, messageId, "unknown-source", { source });
  let object: StoredObject;
  let envelope: Envelope;
  try {
    if (!deps.readStored) throw new StoredBodyError("stored-body-unavailable", "this function reads no stored deliveries");
    object = await deps.readStored(ref);
    if (object.body.length !== ref.size) throw new StoredBodyError("stored-body-altered", `${object.body.length} bytes where ${ref.size} were written`);
    envelope = storedEnvelope(ref, object, forwardedHeaders(settings));
  } catch (error) {
    if (error instanceof StoredBodyError) return retry(deps, messageId, error.reason, { source, detail: error.message });
    if (error instanceof EnvelopeError) return retry(deps, messageId, "malformed-envelope", { source, detail: error.reason });
    return retry(deps, messageId, "stored-body-unavailable", { source, detail: (error as Error).name });
  }
  const sha256 = createHash("sha256").update(object.body).digest("hex");
  return validateDelivery(record, envelope, object.body, { ...ref, sha256 }, deps, secrets);
}

async function validateDelivery(
  record: PipeRecord,
  envelope: Envelope,
  body: Buffer,
  stored: (StoredBodyRef & { readonly sha256: string }) | undefined,
  deps: ValidateDependencies,
  secrets: BatchSecrets,
): Promise<ValidatedItem> {
  const { messageId } = record;
  const { source, deliveryId, requestId, receivedAt } = envelope;
  const context: RecordContext = { record, source, deliveryId };
  const settings = deps.sources[source];
  if (!settings) return retry(deps, messageId, "unknown-source", { source, deliveryId });
  const schema = (payloadSchemas as Record<string, (typeof payloadSchemas)[keyof typeof payloadSchemas]>)[settings.schema];
  if (!schema) return retry(deps, messageId, "unknown-schema", { source, deliveryId });

  const request = { body, headers: envelope.headers, url: envelope.url, receivedAt };
  const scheme = schemeOf(settings.verification);
  const verdict = await verifySignature(request, settings, scheme, secrets);
  if ("secretFailure" in verdict) return retry(deps, messageId, verdict.secretFailure, { source, deliveryId, detail: verdict.detail });
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
    return reject(deps, context, "invalid-payload", describeIssues(payload.error.issues).join("; "), issueCodes(payload.error.issues));
  }
  const { signed } = verdict;
  const eventType = eventTypeOf(settings.eventType, envelope.headers, payload.data);
  // Senders without a delivery id header (Stripe) keep their event's id in the body.
  const id = (settings.deliveryIdField ? stringField(payload.data, settings.deliveryIdField) : undefined) ?? deliveryId;

  const claim = replayKey(source, signed);
  let claimed: ClaimOutcome;
  try {
    claimed = await deps.claim({ key: claim, deliveryId: id, receivedAt });
  } catch (error) {
    return retry(deps, messageId, "replay-check-unavailable", { source, deliveryId: id, detail: (error as Error).name });
  }
  if (claimed.outcome === "replay") {
    const { holder } = claimed;
    const detail = `the same signed content is held by delivery ${holder.deliveryId}, received ${new Date(holder.receivedAt).toISOString()}`;
    return reject(deps, { ...context, deliveryId: id }, "replay", detail, undefined, holder);
  }
  // The source's secret never travels on (Graph's clientState is in every notification).
  const secretFields = scheme.secretFields ?? [];
  const carried = carriedPayload(redactFields(payload.data, secretFields), stored, envelope.contentType, secretFields, deps.inlinePayloadBytes);
  return { messageId, outcome: "verified", event: { source, deliveryId: id, requestId, receivedAt, ...(eventType ? { eventType } : {}), ...carried, claim } };
}

/** A secret that could not be read: the delivery is retried, never judged. */
interface SecretFailure {
  readonly secretFailure: "secret-unavailable" | "secret-refresh-unavailable";
  readonly detail: string;
}

/**
 * The verdict on a request's signature. The sender may have switched to a secret stored after our
 * copy was cached: it is read again before a mismatch is final, so a rotation loses nothing. Only a
 * completed check is a verdict: when the fresh read cannot be made, the mismatch may be a rotation.
 */
async function verifySignature(
  request: Parameters<typeof verifyRequest>[0],
  settings: SourceSettings,
  scheme: ReturnType<typeof schemeOf>,
  secrets: BatchSecrets,
): Promise<Verdict | SecretFailure> {
  // A sender that signs with a private key is checked against the public key in its settings alone.
  const secretless = scheme.secretless === true;
  let verdict: Verdict;
  try {
    verdict = verifyRequest(request, settings.verification, secretless ? [] : (await secrets.current(settings.secretId, scheme.secretParts)).delivery);
  } catch (error) {
    if (!(error instanceof SourceSecretError)) throw error;
    return { secretFailure: "secret-unavailable", detail: error.message };
  }
  if (secretless || verdict.ok || !MISMATCHES.includes(verdict.reason)) return verdict;
  try {
    const fresh = await secrets.fresh(settings.secretId, scheme.secretParts);
    return fresh ? verifyRequest(request, settings.verification, fresh.delivery) : verdict;
  } catch (error) {
    if (!(error instanceof SourceSecretError)) throw error;
    return { secretFailure: "secret-refresh-unavailable", detail: error.message };
  }
}

/** The verified payload, or, for a stored one too large for the execution's share, a reference to its object. */
function carriedPayload(
  redacted: unknown,
  stored: (StoredBodyRef & { readonly sha256: string }) | undefined,
  contentType: string,
  secretFields: readonly string[],
  inlinePayloadBytes: number | undefined,
) {
  if (!stored || inlinePayloadBytes === undefined || JSON.stringify(redacted).length <= inlinePayloadBytes) return { payload: redacted };
  const { bucket, key, size, sha256 } = stored;
  return { payloadRef: { bucket, key, size, sha256, contentType, ...(secretFields.length > 0 ? { secretFields } : {}) } };
}

/** The secrets of one batch: each read once, from the cache, and at most once more afresh. */
class BatchSecrets {
  private readonly cached = new Map<string, Promise<SourceSecrets>>();
  private readonly refreshed = new Map<string, Promise<SourceSecrets | undefined>>();

  constructor(private readonly deps: ValidateDependencies) {}

  current(secretId: string, parts: SecretParts | undefined): Promise<SourceSecrets> {
    return once(this.cached, secretId, () => this.deps.secretString(secretId).then((text) => parseSourceSecret(text, parts), asSecretError));
  }

  fresh(secretId: string, parts: SecretParts | undefined): Promise<SourceSecrets | undefined> {
    return once(this.refreshed, secretId, () =>
      this.deps.freshSecretString(secretId).then((text) => (text === undefined ? undefined : parseSourceSecret(text, parts)), asSecretError),
    );
  }
}

function once<T>(memo: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key)!;
}

/** A secret that cannot be read is our configuration fault, never the sender's. */
function asSecretError(error: Error): never {
  throw error instanceof SourceSecretError ? error : new SourceSecretError(`could not fetch it (${error.name})`);
}

interface RecordContext {
  readonly record: PipeRecord;
  readonly source: string;
  readonly deliveryId: string;
}

/**
 * Quarantines a rejected delivery, then reports it acknowledged. Its log line names the reason and,
 * for a payload, the issue codes: nothing of the payload itself, the signature or the secret.
 */
async function reject(
  deps: ValidateDependencies,
  { record, source, deliveryId }: RecordContext,
  reason: RejectionReason,
  detail?: string,
  issues?: string[],
  heldBy?: ClaimHolder,
): Promise<ValidatedItem> {
  const { messageId } = record;
  let quarantineMessageId: string;
  try {
    quarantineMessageId = await deps.quarantine({ record, source, deliveryId, reason, ...(detail ? { detail } : {}), ...(heldBy ? { heldBy } : {}) });
  } catch (error) {
    // Not kept, so not acknowledged: the delivery stays on the queue.
    return retry(deps, messageId, "quarantine-unavailable", { source, deliveryId, detail: (error as Error).name });
  }
  deps.log("delivery rejected and quarantined", { messageId, source, deliveryId, reason, ...(issues ? { issues } : {}), ...(heldBy ? { heldBy } : {}), quarantineMessageId });
  return { messageId, outcome: "rejected", source, reason, quarantineMessageId, ...(heldBy ? { heldBy } : {}) };
}

function retry(
  deps: ValidateDependencies,
  messageId: string,
  reason: RetryReason,
  fields: { readonly source?: string; readonly deliveryId?: string; readonly detail?: string },
): ValidatedItem {
  deps.log("delivery will be retried", { ...fields, messageId, reason });
  return { messageId, outcome: "retry", ...(fields.source ? { source: fields.source } : {}), reason };
}
