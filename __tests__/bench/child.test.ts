import { interleaved, measureNode, median } from "../../bench/child";

describe("the bench's measurements", () => {
  it("take the median, of odd and even counts", () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([5])]).toEqual([2, 2.5, 5]);
  });

  it("interleave the runs they compare, and give each its medians", () => {
    const order: string[] = [];
    const run = (name: string, wallMs: number[]) => () => {
      order.push(name);
      return { wallMs: wallMs[order.filter((n) => n === name).length - 1], maxRssMiB: 10 };
    };
    const result = interleaved(3, { a: run("a", [5, 1, 3]), b: run("b", [2, 9, 4]) });
    expect(order).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(result).toEqual({ a: { wallMs: 3, maxRssMiB: 10 }, b: { wallMs: 4, maxRssMiB: 10 } });
  });

  it("measure a fresh node process's wall time and peak memory, and say why one failed", () => {
    const { wallMs, maxRssMiB } = measureNode(["-e", "Buffer.alloc(64 * 1024 * 1024, 1)"]);
    expect(wallMs).toBeGreaterThan(0);
    expect(maxRssMiB).toBeGreaterThan(64);
    expect(() => measureNode(["-e", "process.exit(3)"])).toThrow(/failed \(3\)/);
  });
});
