import { formatSoak, soak } from "../../scripts/soak";
import { DELIVERY_KINDS, soakPlan } from "../../scripts/lib/soak/plan";

/**
 * The soak, as `npm run soak -- --n 2000 --faults` runs it (`.ci/run` runs exactly that, after
 * `npm test`): mixed deliveries to the twin while every kind of fault is injected and Stripe's
 * secret is rotated, then the redrive, and an exact accounting of every delivery. Here a shorter
 * one, its faults placed over its shorter sending, keeps `npm test` within its minute.
 */
describe("the soak", () => {
  it("plans the same deliveries for the same seed, in the mix it names", () => {
    const plan = soakPlan(2_000, 1);
    expect(soakPlan(2_000, 1)).toEqual(plan);
    expect(soakPlan(2_000, 2)).not.toEqual(plan);
    const share = (kind: string) => plan.filter((d) => d.kind === kind).length / plan.length;
    for (const kind of DELIVERY_KINDS) expect(share(kind)).toBeGreaterThan(0.04);
    // Every repeat follows the genuine delivery it repeats, with its body.
    for (const d of plan.filter((d) => d.of !== undefined)) expect([d.of! < d.index, d.body]).toEqual([true, plan[d.of!].body]);
  });

  it("accounts for every delivery through the faults and a rotation, with no violation", async () => {
    const { report, figures } = await soak({ n: 300, seed: 1, faults: true, rate: 100, batchSize: 10, concurrency: 16 });
    console.log(formatSoak(report, figures).join("\n"));
    expect(report.violations).toEqual([]);
    // Not vacuous: faults met traffic, and every forged delivery accepted rests in the quarantine.
    expect(["secretsmanager", "dynamodb"].map((target) => [target, (report.injected[target] ?? 0) > 0])).toEqual([["secretsmanager", true], ["dynamodb", true]]);
    const forged = report.kinds.find((k) => k.kind === "forged")!;
    expect(forged.accepted).toBeGreaterThan(0);
    expect(forged.quarantinedAfterRedrive).toBe(forged.accepted);
  }, 120_000);
});
