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
});
