import { ENVELOPE_VERSION, type Envelope } from "../../delivery/envelope";
import type { DeliveryEvent, DeliveryStep } from "../../local/delivery-path";
import type { PutEvent } from "../../local/event-bridge";
import type { InjectedFailure } from "../../local/faults";
import { accountSoak, type SentDelivery, type SoakRecords } from "../../scripts/lib/soak/ledger";
import type { DeliveryKind, PlannedDelivery } from "../../scripts/lib/soak/plan";

/**
 * The soak's accounting on records made by hand: it closes on a run that kept every promise, and
 * names each broken promise on a run that did not. (The soak itself runs in soak.e2e.test.ts.)
 */
const BODY = JSON.stringify({ action: "opened", repository: { id: 1, full_name: "o/r" } });

function envelope(requestId: string, deliveryId: string): string {
  const value: Envelope = {
    v: ENVELOPE_VERSION,
    source: "github",
    deliveryId,
    receivedAt: 1,
    requestId,
    sourceIp: "203.0.113.7",
    url: "https://example.com/v1/webhooks/github",
    contentType: "application/json",
    headers: { "x-hub-signature-256": "sha256=00", "x-github-delivery": deliveryId },
    body: Buffer.from(BODY).toString("base64"),
  };
  return JSON.stringify(value);
}

/** A run under construction: deliveries sent and queued, their steps, and what rests where. */
class Run {
  readonly sent: SentDelivery[] = [];
  readonly queued = new Map<string, string>();
  readonly events: DeliveryEvent[] = [];
  readonly bus: PutEvent[] = [];
  readonly quarantine: { body: string; attributes: { reason: string } }[] = [];
  readonly deadLetterQueue: { body: string }[] = [];
  readonly injected: InjectedFailure[] = [];

  /** A GitHub delivery accepted as message `m<index>`, with the steps it went through. */
  deliver(index: number, kind: DeliveryKind, deliveryId: string, steps: DeliveryStep[], of?: number): this {
    const planned: PlannedDelivery = { index, kind, source: "github", deliveryIdHeader: deliveryId, body: BODY, ...(of !== undefined ? { of } : {}) };
    const messageId = `m${index}`;
    this.sent.push({ planned, answers: [200], messageId });
    this.queued.set(messageId, envelope(`r${index}`, deliveryId));
    for (const step of steps) this.events.push({ at: new Date(0), messageId, source: "github", deliveryId, ...step });
    return this;
  }

  put(deliveryId: string): this {
    this.bus.push({ EventBusName: "bus", Source: "webhooks.github", DetailType: "issues", Detail: JSON.stringify({ metadata: { source: "github", deliveryId }, payload: {} }) });
    return this;
  }

  quarantined(index: number, reason: string, body = this.queued.get(`m${index}`)!): this {
    this.quarantine.push({ body, attributes: { reason } });
    return this;
  }

  records(): SoakRecords {
    const snapshot = { events: this.events, bus: this.bus, quarantine: this.quarantine, deadLetterQueue: this.deadLetterQueue, left: 0 };
    return { sent: this.sent, queued: this.queued, afterFaults: snapshot, afterRedrive: snapshot, injected: this.injected };
  }
}

const processed: DeliveryStep[] = [{ step: "received", receiveCount: 1 }, { step: "verified" }, { step: "processed", eventId: "e" }];
const rejected = (reason: string, holder?: string): DeliveryStep[] => [
  { step: "received", receiveCount: 1 },
  { step: "rejected", reason, ...(holder ? { heldBy: { deliveryId: holder, receivedAt: 1 } } : {}) },
];

/** A run that kept every promise: a genuine delivery processed once, its replay and a forgery quarantined. */
const kept = () =>
  new Run()
    .deliver(0, "genuine", "gh-0", processed)
    .put("gh-0")
    .deliver(1, "replayed", "gh-1", rejected("replay", "gh-0"), 0)
    .quarantined(1, "replay")
    .deliver(2, "forged", "gh-2", rejected("signature-mismatch"))
    .quarantined(2, "signature-mismatch");

describe("the soak's accounting", () => {
  it("closes on a run that kept every promise", () => {
    const report = accountSoak(kept().records());
    expect(report.violations).toEqual([]);
    expect(report.kinds.find((k) => k.kind === "replayed")).toMatchObject({ accepted: 1, quarantined: { replay: 1 } });
  });

  it("names a content processed under two delivery ids", () => {
    const run = new Run().deliver(0, "genuine", "gh-0", processed).put("gh-0").deliver(1, "replayed", "gh-1", processed, 0).put("gh-1");
    expect(accountSoak(run.records()).violations).toEqual([expect.stringMatching(/^content 0 \(github\) reached the bus under 2 delivery ids \(gh-0, gh-1\)/)]);
  });

  it("allows an event put twice only where DynamoDB failed between the put and its record, and counts it", () => {
    const twice = new Run().deliver(0, "genuine", "gh-0", processed).put("gh-0").put("gh-0");
    expect(accountSoak(twice.records()).violations).toEqual([expect.stringMatching(/put on the bus 2 times with no DynamoDB failure/)]);
    const explained = new Run()
      .deliver(0, "genuine", "gh-0", [{ step: "processing-failed", error: "IdempotencyPersistenceLayerError: Failed to update success record to idempotency store" }, ...processed])
      .put("gh-0")
      .put("gh-0");
    const report = accountSoak(explained.records());
    expect([report.violations, report.duplicateEvents]).toEqual([[], 1]);
  });

  it("explains a DLQ entry by the injected fault that exhausted it, and names one nothing explains", () => {
    const dead: DeliveryStep[] = [{ step: "not-validated", reason: "replay-check-unavailable" }, { step: "dead-lettered", receiveCount: 3 }];
    const unexplained = new Run().deliver(0, "genuine", "gh-0", dead).records();
    expect(accountSoak(unexplained).violations).toContainEqual(expect.stringMatching(/^delivery 0 is in the DLQ with no injected fault to explain it/));
    const run = new Run().deliver(0, "genuine", "gh-0", [...dead, { step: "received", receiveCount: 1 }, { step: "verified" }, { step: "processed" }]).put("gh-0");
    run.injected.push({ target: "dynamodb", at: 1 });
    const records = run.records();
    const report = accountSoak({ ...records, afterFaults: { ...records.afterFaults, events: run.events.slice(0, 2) } });
    expect([report.violations, report.deadLetteredBy]).toEqual([[], { dynamodb: 1 }]);
  });

  it("takes a throttle or a claim taken over for a retry no fault explains, and the fault after them for the one that exhausted the delivery", () => {
    const steps: DeliveryStep[] = [
      { step: "batch-failed", error: "the execution failed: Rate Exceeded. (Service: Lambda, Status Code: 429)" },
      { step: "processing-failed", error: "ClaimLostError: an earlier-received copy of this content holds its claim now" },
      { step: "not-validated", reason: "replay-check-unavailable" },
      { step: "dead-lettered", receiveCount: 3 },
    ];
    const run = new Run().deliver(0, "genuine", "gh-0", [...steps, { step: "received", receiveCount: 1 }, { step: "verified" }, { step: "processed" }]).put("gh-0");
    run.injected.push({ target: "dynamodb", at: 1 });
    const records = run.records();
    const report = accountSoak({ ...records, afterFaults: { ...records.afterFaults, events: run.events.slice(0, steps.length) } });
    expect([report.violations, report.deadLetteredBy]).toEqual([[], { dynamodb: 1 }]);
    // Without the fault, nothing explains it: a throttle or an ordering retry never sends a delivery to the DLQ.
    const unexplained = { ...records, injected: [], afterFaults: { ...records.afterFaults, events: run.events.slice(0, steps.length) } };
    expect(accountSoak(unexplained).violations).toContainEqual(expect.stringMatching(/^delivery 0 is in the DLQ with no injected fault to explain it/));
  });

  it("names a rejection missing from the quarantine, or kept there otherwise than byte for byte", () => {
    const missing = new Run().deliver(2, "forged", "gh-2", rejected("signature-mismatch"));
    expect(accountSoak(missing.records()).violations).toEqual(["delivery 2 was rejected (signature-mismatch) but is not in the quarantine"]);
    const altered = new Run().deliver(2, "forged", "gh-2", rejected("signature-mismatch")).quarantined(2, "signature-mismatch", envelope("r2", "gh-2").replace("203.0.113.7", "203.0.113.8"));
    expect(accountSoak(altered.records()).violations).toContainEqual("delivery 2 is in the quarantine, but not byte for byte as it was queued");
  });

  it("names a genuine delivery judged forged, a forgery processed, and a delivery left without a verdict", () => {
    const run = new Run()
      .deliver(0, "genuine", "gh-0", rejected("signature-mismatch"))
      .quarantined(0, "signature-mismatch")
      .deliver(1, "forged", "gh-1", processed)
      .put("gh-1")
      .deliver(2, "forged", "gh-2", [{ step: "received", receiveCount: 1 }]);
    const { violations } = accountSoak(run.records());
    expect(violations).toEqual(
      expect.arrayContaining([
        "genuine delivery 0 was rejected as signature-mismatch",
        "forged delivery 1 ended processed",
        "delivery 2 (forged) has no verdict and is not in the DLQ",
      ]),
    );
  });
});
