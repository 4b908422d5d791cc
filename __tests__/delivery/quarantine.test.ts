import { QUARANTINE_ATTRIBUTES, quarantineAttributes, readQuarantineAttributes, type QuarantineRecord } from "../../delivery/quarantine";

const rejection: QuarantineRecord = {
  messageId: "m-1",
  source: "github",
  deliveryId: "d-1",
  reason: "signature-mismatch",
};

describe("quarantine attributes", () => {
  it("carry the reason, source, delivery id, message id and time, and read back", () => {
    const attributes = quarantineAttributes({ ...rejection, detail: "name: Required" }, 1_764_000_000_123);
    expect(attributes[QUARANTINE_ATTRIBUTES.rejectedAt]).toEqual({ DataType: "Number", StringValue: "1764000000123" });
    expect(readQuarantineAttributes(attributes)).toEqual({
      reason: "signature-mismatch",
      source: "github",
      deliveryId: "d-1",
      messageId: "m-1",
      rejectedAt: "1764000000123",
      detail: "name: Required",
    });
    expect(Object.keys(attributes).length).toBeLessThanOrEqual(10);
    expect(readQuarantineAttributes(quarantineAttributes(rejection, 0))).not.toHaveProperty("detail");
  });

  it("hold only characters SQS accepts, and a detail of at most 1,000 characters", () => {
    const attributes = quarantineAttributes({ ...rejection, deliveryId: "a\u0000b\uFFFEc", detail: `x${"é".repeat(5_000)}` }, 0);
    expect(attributes.deliveryId.StringValue).toBe("a\uFFFDb\uFFFDc");
    expect(attributes.detail.StringValue).toHaveLength(1_000);
    expect(attributes.detail.StringValue.endsWith("…")).toBe(true);
  });

  it("reads nothing from a message that has none", () => {
    expect(readQuarantineAttributes(undefined)).toEqual({});
  });
});
