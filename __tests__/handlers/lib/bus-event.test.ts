import { busEntry } from "../../../handlers/lib/bus-event";

const event = { source: "stripe", deliveryId: "evt_1", requestId: "r-1", receivedAt: 5, eventType: "invoice.paid", payload: { id: "evt_1" }, claim: "replay#github#0" };

describe("busEntry", () => {
  it("puts the delivery on the bus as webhooks.<source>, typed by the sender, with its metadata", () => {
    expect(busEntry(event, "bus")).toEqual({
      EventBusName: "bus",
      Source: "webhooks.stripe",
      DetailType: "invoice.paid",
      Detail: JSON.stringify({ metadata: { source: "stripe", deliveryId: "evt_1", requestId: "r-1", receivedAt: 5 }, payload: { id: "evt_1" } }),
    });
    expect(busEntry({ ...event, eventType: undefined }, "bus").DetailType).toBe("webhook");
  });

  it("refuses an event above EventBridge's 256 KiB, so the delivery is retried and ends in the DLQ, not lost", () => {
    expect(() => busEntry({ ...event, payload: { big: "x".repeat(256 * 1024) } }, "bus")).toThrow(/above EventBridge's 262144/);
  });

  it("puts a stored delivery too large for an event on the bus as its reference, without the secret's fields", () => {
    const payloadRef = { bucket: "b", key: "graph/r-1", size: 300 * 1024, sha256: "ab".repeat(32), contentType: "application/json", secretFields: ["value[].clientState"] };
    const entry = busEntry({ ...event, payload: { big: "x".repeat(256 * 1024) }, payloadRef }, "bus");
    const { secretFields: _omitted, ...shown } = payloadRef;
    expect(JSON.parse(entry.Detail!)).toEqual({ metadata: { source: "stripe", deliveryId: "evt_1", requestId: "r-1", receivedAt: 5 }, payloadRef: shown });
    // With no payload read back at all, the reference alone.
    expect(JSON.parse(busEntry({ ...event, payload: undefined, payloadRef }, "bus").Detail!).payloadRef).toEqual(shown);
    // A payload that fits goes as the payload.
    expect(JSON.parse(busEntry({ ...event, payloadRef }, "bus").Detail!)).toMatchObject({ payload: { id: "evt_1" } });
  });
});
