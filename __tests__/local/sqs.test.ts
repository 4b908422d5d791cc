import { AwsServiceError } from "../../local/aws-json-protocol";
import { LocalSqs } from "../../local/sqs";

/** A message as ReceiveMessage answers it. */
interface ReceivedMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly Body: string;
  readonly Attributes: Record<string, string>;
  readonly MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
}

/** The twin's SQS, on the semantics the SQS Developer Guide documents. */
function sqsAt(clock: { now: number }) {
  const deadLettered: string[] = [];
  const sqs = new LocalSqs(
    { region: "us-east-1", accountId: "000000000000", endpoint: () => "http://127.0.0.1:3000", now: () => clock.now, onDeadLetter: (m) => deadLettered.push(m.messageId) },
    [
      { name: "q", visibilityTimeoutSeconds: 30, maxMessageSizeBytes: 100, redrive: { deadLetterQueueName: "q-dlq", maxReceiveCount: 2 } },
      { name: "q-dlq", visibilityTimeoutSeconds: 30, maxMessageSizeBytes: 100 },
    ],
  );
  return { sqs, deadLettered };
}

describe("the twin's SQS", () => {
  it("hides a received message for the visibility timeout, then hands it out again with its receive count", () => {
    const clock = { now: 0 };
    const { sqs } = sqsAt(clock);
    const id = sqs.sendMessage("q", "hello");
    expect(sqs.queue("q").receive(10, 0).map((m) => [m.messageId, m.attributes.ApproximateReceiveCount])).toEqual([[id, "1"]]);
    expect(sqs.queue("q").receive(10, 29.9)).toEqual([]);
    expect(sqs.queue("q").receive(10, 30).map((m) => m.attributes.ApproximateReceiveCount)).toEqual(["2"]);
  });

  it("moves a message to the DLQ on the receive after maxReceiveCount, body and id unchanged", () => {
    const clock = { now: 0 };
    const { sqs, deadLettered } = sqsAt(clock);
    const id = sqs.sendMessage("q", "doomed");
    sqs.queue("q").receive(1, 0);
    sqs.queue("q").receive(1, 30);
    expect(sqs.queue("q").receive(1, 60)).toEqual([]);
    expect(deadLettered).toEqual([id]);
    expect(sqs.queue("q-dlq").messages).toEqual([expect.objectContaining({ messageId: id, body: "doomed", receiveCount: 2 })]);
  });

  it("deletes only with the latest receipt handle", () => {
    const { sqs } = sqsAt({ now: 0 });
    sqs.sendMessage("q", "m");
    const [first] = sqs.queue("q").receive(1, 0);
    const [second] = sqs.queue("q").receive(1, 30);
    expect(sqs.queue("q").delete(first.receiptHandle)).toBe(false);
    expect(sqs.queue("q").delete(second.receiptHandle)).toBe(true);
    expect(sqs.queue("q").messages).toEqual([]);
  });

  it("refuses a message above the queue's maximum size in SQS's words, and characters SQS does not take", () => {
    const { sqs } = sqsAt({ now: 0 });
    expect(() => sqs.sendMessage("q", "x".repeat(101))).toThrow("One or more parameters are invalid. Reason: Message must be shorter than 100 bytes.");
    // Multi-byte characters count as bytes.
    expect(() => sqs.sendMessage("q", "é".repeat(51))).toThrow(AwsServiceError);
    expect(() => sqs.sendMessage("q", "a\u0000b")).toThrow("Invalid binary character");
    expect(sqs.sendMessage("q", "x".repeat(100))).toEqual(expect.any(String));
  });

  it("answers API Gateway's SendMessage form in SQS's JSON shapes, 4xx for a refusal and 5xx for an injected failure", () => {
    const { sqs } = sqsAt({ now: 0 });
    const ok = sqs.sendMessageForm("q", "Action=SendMessage&MessageBody=hi%20there");
    expect(ok.status).toBe(200);
    const messageId = JSON.parse(ok.body).SendMessageResponse.SendMessageResult.MessageId;
    expect(sqs.queue("q").messages.map((m) => [m.messageId, m.body])).toEqual([[messageId, "hi there"]]);
    expect(sqs.sendMessageForm("q", `Action=SendMessage&MessageBody=${"x".repeat(101)}`)).toMatchObject({ status: 400, body: expect.stringContaining("Message must be shorter than") });
    sqs.refusesSend = () => true;
    expect(sqs.sendMessageForm("q", "Action=SendMessage&MessageBody=hi")).toMatchObject({ status: 500, body: expect.stringContaining("InternalError") });
  });

  it("serves the DLQ tools' calls: attributes, receive, message move tasks", () => {
    const clock = { now: 0 };
    const { sqs } = sqsAt(clock);
    sqs.queue("q-dlq").send("resting-1", 0);
    sqs.queue("q-dlq").send("resting-2", 0);
    const dlqUrl = sqs.url("q-dlq");
    expect(dlqUrl).toBe("http://127.0.0.1:3000/000000000000/q-dlq");
    expect(sqs.handle("GetQueueAttributes", { QueueUrl: dlqUrl })).toMatchObject({ Attributes: { ApproximateNumberOfMessages: "2", QueueArn: sqs.arn("q-dlq") } });
    const peeked = sqs.handle("ReceiveMessage", { QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }) as { Messages: unknown[] };
    expect(peeked.Messages).toHaveLength(2);
    expect(sqs.handle("GetQueueAttributes", { QueueUrl: dlqUrl })).toMatchObject({ Attributes: { ApproximateNumberOfMessages: "2" } });

    sqs.handle("StartMessageMoveTask", { SourceArn: sqs.arn("q-dlq") });
    expect(sqs.queue("q-dlq").messages).toEqual([]);
    expect(sqs.queue("q").messages.map((m) => [m.body, m.receiveCount])).toEqual([
      ["resting-1", 0],
      ["resting-2", 0],
    ]);
    expect(sqs.handle("ListMessageMoveTasks", { SourceArn: sqs.arn("q-dlq"), MaxResults: 10 })).toMatchObject({
      Results: [{ Status: "COMPLETED", ApproximateNumberOfMessagesMoved: 2, DestinationArn: sqs.arn("q") }],
    });
    expect(() => sqs.handle("DeleteMessage", { QueueUrl: sqs.url("q"), ReceiptHandle: "stale" })).toThrow("The input receipt handle is invalid.");
    expect(() => sqs.handle("ReceiveMessage", { QueueUrl: sqs.url("nope") })).toThrow("does not exist");
  });

  it("keeps message attributes, counts them in the size, hands them back only when asked, and keeps them through a redrive", () => {
    const { sqs } = sqsAt({ now: 0 });
    const reason = { reason: { DataType: "String", StringValue: "replay" } };
    expect(() => sqs.sendMessage("q", "x".repeat(90), { reason: { DataType: "String", StringValue: "a-long-reason" } })).toThrow("Message must be shorter than");
    expect(() => sqs.sendMessage("q", "x", { reason: { DataType: "String", StringValue: "\u0000" } })).toThrow("Invalid binary character");
    sqs.handle("SendMessage", { QueueUrl: sqs.url("q-dlq"), MessageBody: "kept", MessageAttributes: reason });
    const plain = sqs.handle("ReceiveMessage", { QueueUrl: sqs.url("q-dlq"), VisibilityTimeout: 0 }) as { Messages: ReceivedMessage[] };
    expect(plain.Messages[0]).not.toHaveProperty("MessageAttributes");
    const all = sqs.handle("ReceiveMessage", { QueueUrl: sqs.url("q-dlq"), VisibilityTimeout: 0, MessageAttributeNames: ["All"] }) as { Messages: ReceivedMessage[] };
    expect(all.Messages[0].MessageAttributes).toEqual(reason);
    sqs.moveMessages("q-dlq");
    expect(sqs.queue("q").messages[0].messageAttributes).toEqual(reason);
    // A record, as the pipe hands it on, names them as SQS records do.
    expect(sqs.queue("q").receive(1, 0)[0].messageAttributes).toEqual({ reason: { dataType: "String", stringValue: "replay", stringListValues: [], binaryListValues: [] } });
  });

  it("changes a received message's visibility, one or a batch, and deletes a batch, by receipt handle", () => {
    const clock = { now: 0 };
    const { sqs } = sqsAt(clock);
    const url = sqs.url("q-dlq");
    for (const body of ["a", "b", "c"]) sqs.sendMessage("q-dlq", body);
    const [a, b, c] = (sqs.handle("ReceiveMessage", { QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }) as { Messages: ReceivedMessage[] }).Messages;
    expect((sqs.handle("ReceiveMessage", { QueueUrl: url, MaxNumberOfMessages: 10 }) as { Messages: ReceivedMessage[] }).Messages).toEqual([]);
    sqs.handle("ChangeMessageVisibility", { QueueUrl: url, ReceiptHandle: a.ReceiptHandle, VisibilityTimeout: 0 });
    expect(sqs.handle("ChangeMessageVisibilityBatch", { QueueUrl: url, Entries: [{ Id: "1", ReceiptHandle: b.ReceiptHandle, VisibilityTimeout: 0 }, { Id: "2", ReceiptHandle: "stale", VisibilityTimeout: 0 }] })).toMatchObject({
      Successful: [{ Id: "1" }],
      Failed: [{ Id: "2", Code: "ReceiptHandleIsInvalid" }],
    });
    expect((sqs.handle("ReceiveMessage", { QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }) as { Messages: ReceivedMessage[] }).Messages.map((m) => m.Body)).toEqual(["a", "b"]);
    expect(sqs.handle("DeleteMessageBatch", { QueueUrl: url, Entries: [{ Id: "c", ReceiptHandle: c.ReceiptHandle }] })).toMatchObject({ Successful: [{ Id: "c" }] });
    expect(sqs.queue("q-dlq").messages.map((m) => m.body)).toEqual(["a", "b"]);
    expect(() => sqs.handle("ChangeMessageVisibility", { QueueUrl: url, ReceiptHandle: "stale", VisibilityTimeout: 0 })).toThrow("receipt handle is invalid");
  });
});
