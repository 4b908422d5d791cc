import { DEFAULT_ASSUMPTIONS, monthlyCost, REFERENCE_SHAPE, total, type PipelineShape } from "../../cost/model";
import { PRICES, tieredCost } from "../../cost/prices";

const SHAPE: PipelineShape = {
  batchSize: 1,
  maxConcurrency: 10,
  validateMemoryMb: 256,
  processMemoryMb: 256,
  idempotencyTable: true,
  replayClaims: true,
  eventBus: true,
  archiveRetentionDays: 30,
  quarantine: true,
  logRetentionDays: 30,
  alarms: 8,
  dashboards: 1,
  customMetrics: 12,
  secrets: 3,
  customerManagedKeys: 1,
};

const byComponent = (lines: ReturnType<typeof monthlyCost>) => Object.fromEntries(lines.map(({ component, usd }) => [component, usd]));

describe("monthlyCost", () => {
  // 10 deliveries/s of 1 KiB, a tenth rejected, over AWS's 730-hour month: 26.28 M deliveries,
  // 2.628 M rejected, 23.652 M verified. Envelope: 1,366 bytes of base64 + 1,536 = one 64 KiB chunk.
  const cost = byComponent(monthlyCost(SHAPE, { ratePerSecond: 10, sizeKiB: 1, rejectedShare: 0.1 }));

  it("matches a bill computed by hand, line by line", () => {
    expect(cost["API Gateway (REST)"]).toBeCloseTo(26.28 * 3.5, 4); // $3.50 per million
    // Sends, receives and deletes 26.28 M each; 2.628 M quarantined; 5 pollers × 131,400 idle polls.
    expect(cost.SQS).toBeCloseTo((26.28 * 3 + 2.628 + 0.657) * 0.4, 4);
    expect(cost["EventBridge Pipes"]).toBeCloseTo(26.28 * 0.4, 4);
    // 50 + 40 + 2 + 40 ms = 132 ms, billed 200 ms at 64 MB: 0.0125 GB-s an execution.
    expect(cost["Step Functions (EXPRESS)"]).toBeCloseTo(26.28 * 1 + 26.28e6 * 0.0125 * 0.00001667, 4);
    // Validate 26.28 M × 42 ms, process 23.652 M × 40 ms, both at 0.25 GB; 49.932 M requests.
    expect(cost["Lambda (arm64)"]).toBeCloseTo(49.932 * 0.2 + (26.28e6 * 0.042 * 0.25 + 23.652e6 * 0.04 * 0.25) * 0.0000133334, 4);
    // A replay claim taken and committed, and two idempotency writes, per verified delivery.
    expect(cost["DynamoDB (on demand)"]).toBeCloseTo(23.652 * 4 * 0.625, 4);
    // One event each; 23.652 M × 1,536 bytes archived, and a month of it stored.
    const archivedGb = (23.652e6 * 1_536) / 1_024 ** 3;
    expect(cost.EventBridge).toBeCloseTo(23.652 + archivedGb * 0.1 + archivedGb * 0.023, 4);
    // 900 bytes logged per delivery, a month of it stored; 12 metrics, 8 alarms, a dashboard.
    const loggedGb = (26.28e6 * 900) / 1_024 ** 3;
    expect(cost.CloudWatch).toBeCloseTo(loggedGb * 0.5 + loggedGb * 0.03 + 12 * 0.3 + 8 * 0.1 + 3, 4);
    expect(cost["Secrets Manager"]).toBeCloseTo(1.2, 6);
    expect(cost.KMS).toBe(1);
    expect(Object.keys(cost)).toHaveLength(10);
  });

  it("bills bigger bodies by the 64 KiB chunk, and batches by the chunks of the whole batch", () => {
    // 64 KiB bodies: an envelope of 87,382 + 1,536 bytes is 2 chunks; a batch of 4 is 6 chunks.
    const single = byComponent(monthlyCost({ ...SHAPE, quarantine: false }, { ratePerSecond: 1, sizeKiB: 64 }));
    expect(single.SQS).toBeCloseTo((2.628 * 2 + 2.628 * 2 + 2.628 + 0.657) * 0.4, 4);
    const batched = byComponent(monthlyCost({ ...SHAPE, batchSize: 4 }, { ratePerSecond: 1, sizeKiB: 64 }));
    expect(batched["EventBridge Pipes"]).toBeCloseTo((2.628 / 4) * 6 * 0.4, 4);
  });

  it("prices API Gateway's tiers: 333 M at $3.50, the next 667 M at $2.80", () => {
    expect(tieredCost(PRICES.apiGatewayRestRequest, 1_000e6)).toBeCloseTo(333 * 3.5 + 667 * 2.8, 6);
    expect(tieredCost(PRICES.apiGatewayRestRequest, 100e6)).toBeCloseTo(350, 6);
  });

  it("adds the firewall only where there is one", () => {
    expect(byComponent(monthlyCost({ ...SHAPE, wafRules: 5 }, { ratePerSecond: 10, sizeKiB: 1 }))["AWS WAF"]).toBeCloseTo(5 + 5 + 26.28 * 0.6, 4);
    expect(cost["AWS WAF"]).toBeUndefined();
  });

  it("shows the price of safety against the reference design's shape", () => {
    const workload = { ratePerSecond: 100, sizeKiB: 1 };
    const ours = total(monthlyCost(SHAPE, workload));
    const reference = monthlyCost(REFERENCE_SHAPE, workload);
    expect(reference.map((line) => line.component)).toEqual(["API Gateway (REST)", "SQS", "EventBridge Pipes", "Step Functions (EXPRESS)", "Lambda (arm64)"]);
    expect(ours).toBeGreaterThan(total(reference));
    expect(DEFAULT_ASSUMPTIONS.processMs).toBeGreaterThan(0);
  });
});
