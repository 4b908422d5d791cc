import fc from "fast-check";
import { greaterThanPattern } from "../../stacks/greater-than-pattern";

describe("greaterThanPattern", () => {
  it("matches exactly the decimal integers above n, with or without leading zeros", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 100_000_000 }), fc.nat({ max: 3 }), (n, candidate, zeros) => {
        const pattern = new RegExp(greaterThanPattern(n));
        expect(pattern.test(`${"0".repeat(zeros)}${candidate}`)).toBe(candidate > n);
      }),
      { numRuns: 2_000 },
    );
  });

  it("matches at the edges, and never a value that is not a number", () => {
    const pattern = new RegExp(greaterThanPattern(172_800));
    expect(["172800", "172801", "999999", "1000000", "", "17280a", "-172801", "172801 "].map((v) => pattern.test(v))).toEqual([false, true, true, true, false, false, false, false]);
    expect(() => greaterThanPattern(-1)).toThrow(RangeError);
  });

  it("stays well within WAF's 512-character regex limit for any limit a queue can have", () => {
    expect(greaterThanPattern(262_144).length).toBeLessThan(200);
  });
});
