import { countDeliveries } from "../../../handlers/lib/delivery-metrics";
import type { ValidatedItem } from "../../../handlers/lib/validate-batch";

const verified = (source: string): ValidatedItem => ({
  messageId: "m",
  outcome: "verified",
  event: { source, deliveryId: "d", requestId: "r", receivedAt: 0, payload: {}, claim: "replay#s#0" },
});

describe("countDeliveries", () => {
  it("counts a batch's verdicts per metric, source and reason", () => {
    const items: ValidatedItem[] = [
      verified("github"),
      { messageId: "m", outcome: "rejected", source: "github", reason: "signature-mismatch", quarantineMessageId: "q" },
      verified("github"),
      { messageId: "m", outcome: "rejected", source: "github", reason: "signature-mismatch", quarantineMessageId: "q" },
      { messageId: "m", outcome: "rejected", source: "stripe", reason: "stale-timestamp", quarantineMessageId: "q" },
      { messageId: "m", outcome: "retry", reason: "malformed-envelope" },
      { messageId: "m", outcome: "retry", source: "stripe", reason: "secret-unavailable" },
    ];
    expect(countDeliveries(items)).toEqual([
      { metric: "VerifiedDeliveries", source: "github", count: 2 },
      { metric: "RejectedDeliveries", source: "github", reason: "signature-mismatch", count: 2 },
      { metric: "RejectedDeliveries", source: "stripe", reason: "stale-timestamp", count: 1 },
      { metric: "RetriedDeliveries", source: "unknown", reason: "malformed-envelope", count: 1 },
      { metric: "RetriedDeliveries", source: "stripe", reason: "secret-unavailable", count: 1 },
    ]);
    expect(countDeliveries([])).toEqual([]);
  });
});
