import { describeFault, faultError, FaultSchedule, FaultSpecError, parseFault, seededRandom } from "../../local/faults";

describe("a fault, as written", () => {
  it("reads target, error, start, length and share, in seconds or minutes", () => {
    expect(parseFault("eventbridge@30s+60s")).toEqual({ target: "eventbridge", error: "503", fromSeconds: 30, forSeconds: 60, share: 1 });
    expect(parseFault("dynamodb:throttle@0s+5s~0.5")).toEqual({ target: "dynamodb", error: "throttle", fromSeconds: 0, forSeconds: 5, share: 0.5 });
    expect(parseFault("validate-after:500@2m")).toEqual({ target: "validate-after", error: "500", fromSeconds: 120, forSeconds: Infinity, share: 1 });
  });

  it("writes back what it reads", () => {
    for (const text of ["eventbridge:503@30s+60s", "dynamodb:throttle@0s+5s~0.5", "queue:500@120s"]) expect(describeFault(parseFault(text))).toBe(text);
  });

  it.each([
    ["eventbridgo@30s", /unknown target "eventbridgo"; did you mean "eventbridge"\?/],
    ["dynamodb:slow@5s", /unknown error "slow"/],
    ["queue@30", /write <target>\[:<error>\]@<from>/],
    ["queue@30s~1.5", /write <target>/],
    ["", /write <target>/],
  ])("refuses %j, saying why", (text, message) => {
    expect(() => parseFault(text)).toThrow(FaultSpecError);
    expect(() => parseFault(text)).toThrow(message);
  });
});

describe("the schedule", () => {
  it("fails a target only within its window, and records each failure with its time", () => {
    let now = 1_000;
    const schedule = new FaultSchedule([parseFault("eventbridge@10s+5s")], () => now);
    const at = (seconds: number) => {
      now = 1_000 + seconds;
      return schedule.fails("eventbridge") !== undefined;
    };
    expect([at(0), at(9.99), at(10), at(14.99), at(15), at(60)]).toEqual([false, false, true, true, false, false]);
    expect(schedule.fails("dynamodb")).toBeUndefined();
    expect(schedule.injected.map(({ target, at }) => [target, Number(at.toFixed(2))])).toEqual([
      ["eventbridge", 10],
      ["eventbridge", 14.99],
    ]);
    expect(schedule.lastsUntil()).toBe(15);
  });

  it("fails about its share of calls, the same calls for the same seed", () => {
    const run = (seed: number) => {
      const schedule = new FaultSchedule([parseFault("dynamodb@0s~0.3")], () => 0, seed);
      return Array.from({ length: 10_000 }, () => schedule.fails("dynamodb") !== undefined);
    };
    const failed = run(7).filter(Boolean).length;
    expect(failed).toBeGreaterThan(2_800);
    expect(failed).toBeLessThan(3_200);
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
  });

  it("answers as each service does, so that SDKs retry as they would AWS's", () => {
    expect(faultError(parseFault("dynamodb:throttle@0s"), "dynamodb")).toMatchObject({ type: "ProvisionedThroughputExceededException", status: 400 });
    expect(faultError(parseFault("dynamodb:500@0s"), "dynamodb")).toMatchObject({ type: "InternalServerError", status: 500 });
    expect(faultError(parseFault("secretsmanager@0s"), "secretsmanager")).toMatchObject({ type: "InternalServiceError", status: 503 });
    expect(faultError(parseFault("eventbridge:throttle@0s"), "eventbridge")).toMatchObject({ type: "ThrottlingException", status: 400 });
  });

  it("draws from a generator that spreads evenly", () => {
    const random = seededRandom(1);
    const buckets = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(random() * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
