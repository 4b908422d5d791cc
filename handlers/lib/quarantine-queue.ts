import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { quarantineAttributes } from "../../delivery/quarantine";
import type { Rejection } from "./validate-batch";

/** Sends a rejected delivery to the quarantine queue, its envelope unchanged; resolves to its message id there. */
export function quarantineQueue(client: SQSClient, queueUrl: string, now: () => number = Date.now) {
  return async (rejection: Rejection): Promise<string> => {
    const sent = await client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: rejection.record.body, MessageAttributes: quarantineAttributes({ ...rejection, messageId: rejection.record.messageId }, now()) }),
    );
    if (!sent.MessageId) throw new Error("SQS returned no message id");
    return sent.MessageId;
  };
}
