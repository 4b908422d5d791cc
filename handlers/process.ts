import { Logger } from "@aws-lambda-powertools/logger";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { Context } from "aws-lambda";
import { busEntry, MAX_ENTRY_BYTES } from "./lib/bus-event";
import { commitClaims } from "./lib/replay-claims";
import { createHash } from "node:crypto";
import { storedBodies } from "../delivery/stored-bodies";
import { StoredBodyError } from "../delivery/stored-delivery";
import { parsePayload } from "../delivery/payload";
import { redactFields } from "../delivery/secret-fields";
import { PROCESS_ENV } from "../delivery/process-settings";
import type { PayloadRef, VerifiedEvent } from "./lib/validate-batch";

const logger = new Logger({ serviceName: "webhook-process" });
const eventBridge = new EventBridgeClient({});
const dynamoDb = new DynamoDBClient({});
const readStored = storedBodies();
const commitClaim = commitClaims(dynamoDb, process.env[PROCESS_ENV.table]!);
const idempotency = new IdempotencyConfig({
  // The sender's delivery id, never the SQS message id: a DLQ redrive gives messages new ids.
  eventKeyJmesPath: "[source, deliveryId]",
  expiresAfterSeconds: Number(process.env[PROCESS_ENV.expirySeconds]),
  throwOnNoIdempotencyKey: true,
});

/**
 * Your business logic goes here. It receives each genuine, schema-checked delivery once in effect:
 * a delivery that was already processed returns its stored result without running this again.
 * Throwing makes the delivery retry and, after the configured receives, rest in the DLQ. By
 * default it puts the delivery on the stack's EventBridge bus, where rules route it onward.
 */
async function processDelivery(event: VerifiedEvent): Promise<{ eventId: string }> {
  const entry = busEntry(event, process.env[PROCESS_ENV.eventBus]!, await payloadOf(event));
  const result = await eventBridge.send(new PutEventsCommand({ Entries: [entry] }));
  const [sent] = result.Entries ?? [];
  if (result.FailedEntryCount || !sent?.EventId) throw new Error(`EventBridge did not take the event: ${sent?.ErrorCode ?? "no event id"}`);
  return { eventId: sent.EventId };
}

/**
 * The payload: as the verdict carries it, or, for a stored delivery too large to travel through the
 * execution, read back from the bucket (its SHA-256 checked) when an event can hold it.
 */
async function payloadOf(event: VerifiedEvent): Promise<unknown> {
  const ref = event.payloadRef;
  if (!ref || ref.size > MAX_ENTRY_BYTES) return event.payload;
  const body = await readPayload(ref);
  return redactFields(parsePayload(body, ref.contentType), ref.secretFields ?? []);
}

/** A payload reference's bytes, checked against the SHA-256 the validate step verified them under. */
async function readPayload(ref: PayloadRef): Promise<Buffer> {
  const { body } = await readStored(ref);
  const sha256 = createHash("sha256").update(body).digest("hex");
  if (sha256 !== ref.sha256) throw new StoredBodyError("stored-body-altered", `s3://${ref.bucket}/${ref.key} is not the body verified`);
  return body;
}

const processOnce = makeIdempotent(processDelivery, {
  persistenceStore: new DynamoDBPersistenceLayer({ tableName: process.env[PROCESS_ENV.table]!, awsSdkV3Client: dynamoDb }),
  config: idempotency,
});

/** One verified delivery, as the state machine's Map hands it over. */
export interface ProcessInput {
  readonly messageId: string;
  readonly event: VerifiedEvent;
}

/**
 * "Process Message". It first commits the delivery's claim on its content, so that no earlier copy
 * takes it over once processing may have begun; a delivery whose claim was taken over fails here,
 * and retried, it is quarantined as a replay of the earlier copy. Concurrent duplicates are safe:
 * while one is in progress, the other fails and is retried later, when it finds the stored result.
 */
export async function handler(input: ProcessInput, context: Context): Promise<{ messageId: string; deliveryId: string; eventId: string }> {
  idempotency.registerLambdaContext(context);
  const { source, deliveryId, receivedAt } = input.event;
  await commitClaim(input.event.claim, deliveryId);
  const { eventId } = await processOnce(input.event);
  logger.info("delivery processed", { messageId: input.messageId, source, deliveryId, eventId, ageMs: Date.now() - receivedAt });
  return { messageId: input.messageId, deliveryId, eventId };
}
