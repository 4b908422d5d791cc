import { createHash, randomUUID } from "node:crypto";
import { AwsServiceError, type JsonProtocolService } from "./aws-json-protocol";
import { LocalQueue, type MessageAttribute, type QueuedMessage } from "./queue";

/** A queue as its synthesized `aws_sqs_queue` resource configures it. */
/** The fields of the SQS JSON requests the twin serves, as the SDK sends them; each operation sends its own. */
interface SqsRequest {
  readonly QueueUrl?: string;
  readonly MessageBody?: string;
  readonly MessageAttributes?: Readonly<Record<string, MessageAttribute>>;
  readonly MaxNumberOfMessages?: number;
  readonly VisibilityTimeout?: number;
  readonly MessageAttributeNames?: readonly string[];
  readonly ReceiptHandle?: string;
  readonly Entries?: readonly { readonly Id: string; readonly ReceiptHandle: string; readonly VisibilityTimeout?: number }[];
  readonly SourceArn?: string;
  readonly DestinationArn?: string;
  readonly MaxResults?: number;
}

/** Who sent a message: the API's integration, a function or tool through the SDK, a move task, or S3's notification. */
export type SendOrigin = "api" | "sdk" | "move" | "s3";

export interface LocalQueueProps {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly maxMessageSizeBytes: number;
  readonly redrive?: { readonly deadLetterQueueName: string; readonly maxReceiveCount: number };
}

export interface LocalSqsProps {
  readonly region: string;
  readonly accountId: string;
  /** Where the service is served, for queue URLs. */
  readonly endpoint: () => string;
  /** The queues' clock, in seconds. */
  readonly now: () => number;
  /** Told of every message sent: by API Gateway's integration, an SDK call, or a message move task. */
  readonly onSent?: (queueName: string, messageId: string, body: string, origin: SendOrigin) => void;
  readonly onDeadLetter?: (message: QueuedMessage) => void;
  /** Throws, as SQS would answer, when a fault makes this SendMessage fail. @default none */
  readonly fault?: (queueName: string, origin: SendOrigin) => void;
  readonly onMoved?: (from: string, to: string, messages: number) => void;
}

interface MoveTask {
  readonly TaskHandle: string;
  readonly Status: "COMPLETED";
  readonly SourceArn: string;
  readonly DestinationArn: string;
  readonly ApproximateNumberOfMessagesMoved: number;
  readonly ApproximateNumberOfMessagesToMove: number;
  readonly StartedTimestamp: number;
}

// The characters SQS accepts in a message body (SQS API Reference, SendMessage).
// eslint-disable-next-line no-control-regex -- SQS's allowed set is given by code points: tab, LF and CR are in it, the other controls are not.
const INVALID_BODY_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * SQS for the twin: the stack's queues, their redrive policy and the DLQ tools' calls (receive,
 * delete, attributes, message move tasks) over the AWS JSON protocol, and the SendMessage form API
 * Gateway's integration posts. `refusesSend` injects a failure of SendMessage (an SQS 5xx).
 */
export class LocalSqs implements JsonProtocolService {
  readonly targetPrefix = "AmazonSQS";
  readonly queues = new Map<string, { readonly queue: LocalQueue; readonly props: LocalQueueProps }>();
  readonly moveTasks: MoveTask[] = [];
  refusesSend: (body: string) => boolean = () => false;

  constructor(
    private readonly props: LocalSqsProps,
    queues: readonly LocalQueueProps[],
  ) {
    // Dead-letter queues first: a queue's redrive policy points at one.
    const ordered = [...queues].sort((a, b) => Number(Boolean(a.redrive)) - Number(Boolean(b.redrive)));
    for (const queueProps of ordered) {
      const redrive = queueProps.redrive && {
        deadLetterQueue: this.queue(queueProps.redrive.deadLetterQueueName),
        maxReceiveCount: queueProps.redrive.maxReceiveCount,
      };
      this.queues.set(queueProps.name, { queue: new LocalQueue(queueProps.visibilityTimeoutSeconds, redrive, props.onDeadLetter), props: queueProps });
    }
  }

  queue(name: string): LocalQueue {
    const found = this.queues.get(name);
    if (!found) throw new AwsServiceError("AWS.SimpleQueueService.NonExistentQueue", `The specified queue ${name} does not exist.`);
    return found.queue;
  }

  url(name: string): string {
    return `${this.props.endpoint()}/${this.props.accountId}/${name}`;
  }

  arn(name: string): string {
    return `arn:aws:sqs:${this.props.region}:${this.props.accountId}:${name}`;
  }

  /** SendMessage: the message id, or the error SQS would answer. Attributes count towards the size, as on SQS. */
  sendMessage(queueName: string, body: string, attributes: Readonly<Record<string, MessageAttribute>> = {}, origin: SendOrigin = "sdk"): string {
    const queue = this.queue(queueName);
    const { maxMessageSizeBytes } = this.queues.get(queueName)!.props;
    this.props.fault?.(queueName, origin);
    if (this.refusesSend(body)) throw new AwsServiceError("InternalError", "We encountered an internal error. Please try again.", 500);
    const attributeBytes = Object.entries(attributes).reduce(
      (sum, [name, a]) => sum + Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue ?? ""),
      0,
    );
    if (Buffer.byteLength(body) + attributeBytes > maxMessageSizeBytes) {
      throw new AwsServiceError("InvalidParameterValue", `One or more parameters are invalid. Reason: Message must be shorter than ${maxMessageSizeBytes} bytes.`);
    }
    if (body.length === 0) throw new AwsServiceError("MissingParameter", "The request must contain the parameter MessageBody.");
    if ([body, ...Object.values(attributes).map((a) => a.StringValue ?? "")].some((text) => INVALID_BODY_CHARACTER.test(text))) {
      throw new AwsServiceError("InvalidMessageContents", "Invalid binary character in the message body.");
    }
    const messageId = queue.send(body, this.props.now(), attributes);
    this.props.onSent?.(queueName, messageId, body, origin);
    return messageId;
  }

  /**
   * The query-protocol SendMessage form API Gateway's SQS integration posts, answered in the JSON
   * shape SQS gives such a call when asked for JSON: status and body, for the integration response.
   */
  sendMessageForm(queueName: string, form: string): { status: number; body: string } {
    const requestId = randomUUID();
    const fields = new URLSearchParams(form);
    try {
      if (fields.get("Action") !== "SendMessage") throw new AwsServiceError("InvalidAction", `The action ${fields.get("Action")} is not valid for this endpoint.`);
      const body = fields.get("MessageBody") ?? "";
      const messageId = this.sendMessage(queueName, body, {}, "api");
      const md5 = createHash("md5").update(body).digest("hex");
      return {
        status: 200,
        body: JSON.stringify({ SendMessageResponse: { SendMessageResult: { MessageId: messageId, MD5OfMessageBody: md5 }, ResponseMetadata: { RequestId: requestId } } }),
      };
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      return {
        status: error.status,
        body: JSON.stringify({ Error: { Code: error.type, Message: error.message, Type: error.status < 500 ? "Sender" : "Receiver" }, RequestId: requestId }),
      };
    }
  }

  handle(operation: string, input: SqsRequest): unknown {
    const name = (arnOrUrl: string | undefined) => String(arnOrUrl).split(/[/:]/).pop()!;
    switch (operation) {
      case "SendMessage":
        return {
          MessageId: this.sendMessage(name(input.QueueUrl), String(input.MessageBody ?? ""), input.MessageAttributes),
          MD5OfMessageBody: createHash("md5").update(String(input.MessageBody ?? "")).digest("hex"),
        };
      case "ReceiveMessage": {
        const received = this.queue(name(input.QueueUrl)).receive(Math.min(10, input.MaxNumberOfMessages ?? 1), this.props.now(), input.VisibilityTimeout);
        // Message attributes come back only when asked for, by name or all of them.
        const wanted = (attribute: string) => (input.MessageAttributeNames ?? []).some((n) => n === "All" || n === ".*" || n === attribute);
        return {
          Messages: received.map((m) => {
            const attributes = Object.entries(m.messageAttributes).filter(([attribute]) => wanted(attribute));
            return {
              MessageId: m.messageId,
              ReceiptHandle: m.receiptHandle,
              MD5OfBody: m.md5OfBody,
              Body: m.body,
              Attributes: m.attributes,
              ...(attributes.length > 0
                ? { MessageAttributes: Object.fromEntries(attributes.map(([attribute, a]) => [attribute, { DataType: a.dataType, StringValue: a.stringValue }])) }
                : {}),
            };
          }),
        };
      }
      case "DeleteMessage":
        if (!this.queue(name(input.QueueUrl)).delete(String(input.ReceiptHandle))) {
          throw new AwsServiceError("ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
        }
        return {};
      case "ChangeMessageVisibility":
        if (!this.queue(name(input.QueueUrl)).changeVisibility(String(input.ReceiptHandle), Number(input.VisibilityTimeout), this.props.now())) {
          throw new AwsServiceError("ReceiptHandleIsInvalid", "The input receipt handle is invalid.");
        }
        return {};
      case "ChangeMessageVisibilityBatch":
      case "DeleteMessageBatch": {
        const queue = this.queue(name(input.QueueUrl));
        const entries = input.Entries ?? [];
        const done = (entry: (typeof entries)[number]) =>
          operation === "DeleteMessageBatch" ? queue.delete(entry.ReceiptHandle) : queue.changeVisibility(entry.ReceiptHandle, Number(entry.VisibilityTimeout), this.props.now());
        const outcomes = entries.map((entry) => ({ entry, ok: done(entry) }));
        return {
          Successful: outcomes.filter((o) => o.ok).map((o) => ({ Id: o.entry.Id })),
          Failed: outcomes.filter((o) => !o.ok).map((o) => ({ Id: o.entry.Id, Code: "ReceiptHandleIsInvalid", SenderFault: true, Message: "The input receipt handle is invalid." })),
        };
      }
      case "GetQueueAttributes": {
        const queueName = name(input.QueueUrl);
        const { visible, inFlight } = this.queue(queueName).counts(this.props.now());
        const { props } = this.queues.get(queueName)!;
        return {
          Attributes: {
            QueueArn: this.arn(queueName),
            ApproximateNumberOfMessages: String(visible),
            ApproximateNumberOfMessagesNotVisible: String(inFlight),
            VisibilityTimeout: String(props.visibilityTimeoutSeconds),
            MaximumMessageSize: String(props.maxMessageSizeBytes),
            ...(props.redrive
              ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: this.arn(props.redrive.deadLetterQueueName), maxReceiveCount: props.redrive.maxReceiveCount }) }
              : {}),
          },
        };
      }
      case "StartMessageMoveTask":
        return { TaskHandle: this.moveMessages(name(input.SourceArn), input.DestinationArn ? name(input.DestinationArn) : undefined).TaskHandle };
      case "ListMessageMoveTasks":
        return { Results: this.moveTasks.filter((task) => name(task.SourceArn) === name(input.SourceArn)).slice(0, input.MaxResults ?? 1) };
      default:
        throw new AwsServiceError("UnsupportedOperation", `SQS ${operation} is not served by the local twin`);
    }
  }

  /**
   * A DLQ redrive: every message moves to the destination, by default the queue whose redrive
   * policy names this DLQ, as a new message (a new id, no receives), its body and attributes unchanged.
   */
  moveMessages(sourceName: string, destinationName?: string): MoveTask {
    const source = this.queue(sourceName);
    const destination =
      destinationName ?? [...this.queues.values()].find(({ props }) => props.redrive?.deadLetterQueueName === sourceName)?.props.name;
    if (!destination) throw new AwsServiceError("InvalidParameterValue", `No queue redrives to ${sourceName}; name a DestinationArn.`);
    const moving = source.messages.splice(0, source.messages.length);
    for (const message of moving) this.sendMessage(destination, message.body, message.messageAttributes, "move");
    const task: MoveTask = {
      TaskHandle: randomUUID(),
      Status: "COMPLETED",
      SourceArn: this.arn(sourceName),
      DestinationArn: this.arn(destination),
      ApproximateNumberOfMessagesMoved: moving.length,
      ApproximateNumberOfMessagesToMove: moving.length,
      StartedTimestamp: Math.floor(this.props.now() * 1000),
    };
    this.moveTasks.unshift(task);
    this.props.onMoved?.(sourceName, destination, moving.length);
    return task;
  }
}
