import { AwsServiceError, type JsonProtocolService } from "./aws-json-protocol";

/** An event EventBridge accepted. */
export interface PutEvent {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
}

/**
 * EventBridge's PutEvents: accepted events are kept, in order. `refuses` injects failures the way
 * EventBridge reports them, per entry (FailedEntryCount, ErrorCode), not as a failed call.
 */
export class LocalEventBridge implements JsonProtocolService {
  readonly targetPrefix = "AWSEvents";
  readonly events: PutEvent[] = [];
  refuses: (entry: PutEvent) => boolean = () => false;

  constructor(
    private readonly onEvent: (event: PutEvent, eventId: string) => void = () => {},
    /** Whether a fault makes this entry fail. @default none */
    private readonly fault: () => boolean = () => false,
  ) {}

  handle(operation: string, input: { Entries?: PutEvent[] }): unknown {
    if (operation !== "PutEvents") throw new AwsServiceError("UnknownOperationException", `EventBridge ${operation} is not served locally`);
    const results = (input.Entries ?? []).map((entry) => {
      if (this.refuses(entry) || this.fault()) return { ErrorCode: "InternalFailure", ErrorMessage: "a failure injected into the local twin" };
      this.events.push(entry);
      const eventId = `local-event-${this.events.length}`;
      this.onEvent(entry, eventId);
      return { EventId: eventId };
    });
    return { FailedEntryCount: results.filter((r) => "ErrorCode" in r).length, Entries: results };
  }
}
