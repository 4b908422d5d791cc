import { describeMessage, formatDeliveryEvent, stepsOfInvocation } from "../../local/delivery-path";
import { deliveryRecord } from "../support/deliveries";

describe("a delivery's path, as the terminal shows it", () => {
  it("reads the validate function's verdicts and the process function's outcome", () => {
    const verdicts = {
      items: [
        { messageId: "a", outcome: "verified" },
        { messageId: "b", outcome: "rejected", reason: "signature-mismatch", quarantineMessageId: "q-1" },
        { messageId: "c", outcome: "retry", reason: "secret-unavailable" },
      ],
    };
    expect(stepsOfInvocation([], { result: verdicts })).toEqual([
      { messageId: "a", step: { step: "verified" } },
      { messageId: "b", step: { step: "rejected", reason: "signature-mismatch", quarantineMessageId: "q-1" } },
      { messageId: "c", step: { step: "not-validated", reason: "secret-unavailable" } },
    ]);
    const payload = { messageId: "a", event: {} };
    expect(stepsOfInvocation(payload, { result: { eventId: "e-1" } })).toEqual([{ messageId: "a", step: { step: "processed", eventId: "e-1" } }]);
    const failure = Object.assign(new Error("EventBridge did not take the event"), { name: "Error" });
    expect(stepsOfInvocation(payload, { error: failure })).toEqual([{ messageId: "a", step: { step: "processing-failed", error: "Error: EventBridge did not take the event" } }]);
    expect(stepsOfInvocation({ other: true }, { result: {} })).toEqual([]);
  });

  it("tells nothing, and does not fail, for a function that answers a primitive or nothing", () => {
    for (const result of ["items", 42, true, null, undefined]) expect(stepsOfInvocation(["a record"], { result })).toEqual([]);
    expect(stepsOfInvocation({ messageId: "a", event: {} }, { result: "done" })).toEqual([{ messageId: "a", step: { step: "processed", eventId: undefined } }]);
  });

  it("names the delivery from its envelope, and nothing for a body that is not one", () => {
    expect(describeMessage(deliveryRecord("github", { headers: { "X-GitHub-Delivery": "d-7" } }).body)).toEqual({ source: "github", deliveryId: "d-7" });
    expect(describeMessage("not an envelope")).toEqual({});
  });

  it("prints one line per step: time, source, delivery, what happened", () => {
    const at = new Date("2026-11-28T10:00:00.123Z");
    expect(formatDeliveryEvent({ at, source: "github", deliveryId: "d-1", step: "retried", receiveCount: 2, maxReceiveCount: 3 })).toBe(
      `10:00:00.123  ${"github d-1".padEnd(48)}  will be retried after the visibility timeout (receive 2 of 3)`,
    );
    expect(formatDeliveryEvent({ at, step: "retried", receiveCount: 3, maxReceiveCount: 3 })).toContain("goes to the dead-letter queue after the visibility timeout (receive 3 of 3)");
    expect(formatDeliveryEvent({ at, step: "refused", status: 415, error: "Unsupported Media Type" })).toContain("-".padEnd(48) + "  refused with 415: Unsupported Media Type");
    expect(formatDeliveryEvent({ at, step: "rejected", reason: "replay", quarantineMessageId: "q-9" })).toContain("rejected: replay, kept in the quarantine as q-9 (not retried)");
  });
});
