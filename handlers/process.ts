import { Logger } from "@aws-lambda-powertools/logger";
import type { VerifiedEvent } from "./lib/validate-batch";

const logger = new Logger({ serviceName: "webhook-process" });

/** One verified delivery, as the state machine's Map hands it over. */
export interface ProcessInput {
  readonly messageId: string;
  readonly event: VerifiedEvent;
}

/**
 * "Process Message": the place for your business logic. It receives only genuine, schema-checked
 * deliveries; throwing makes the delivery retry and, after the configured receives, rest in the DLQ.
 */
export async function handler(input: ProcessInput): Promise<{ messageId: string; deliveryId: string }> {
  const { source, deliveryId, receivedAt } = input.event;
  logger.info("delivery processed", { messageId: input.messageId, source, deliveryId, ageMs: Date.now() - receivedAt });
  return { messageId: input.messageId, deliveryId };
}
