import { ipRanges, PUBLISHED_FILE, rangeChanges } from "../../scripts/ip-ranges";
import { isCidr, PUBLISHED_RANGES, REFRESHED_RANGES } from "../../senders/ip-ranges";

describe("the published ranges", () => {
  it("are valid CIDR ranges, each sender's with its source and date", () => {
    expect(Object.keys(REFRESHED_RANGES).sort()).toEqual(Object.keys(PUBLISHED_RANGES).sort());
    for (const { url, retrieved, ranges } of Object.values(REFRESHED_RANGES)) {
      expect(url).toMatch(/^https:\/\//);
      expect(retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.filter((range) => !isCidr(range))).toEqual([]);
    }
  });

  it("are read from each sender's own document, single addresses as /32 or /128", () => {
    expect(PUBLISHED_RANGES.github.extract({ hooks: ["192.30.252.0/22", "2606:50c0::/32"], web: ["1.1.1.1/32"] })).toEqual(["192.30.252.0/22", "2606:50c0::/32"]);
    expect(PUBLISHED_RANGES.stripe.extract({ WEBHOOKS: ["3.18.12.63", "2001:db8::1"] })).toEqual(["3.18.12.63/32", "2001:db8::1/128"]);
    expect(() => PUBLISHED_RANGES.stripe.extract({ webhooks: "3.18.12.63" })).toThrow('the document has no list of addresses at "WEBHOOKS"');
  });
});

describe("isCidr", () => {
  it.each(["192.0.2.0/24", "10.0.0.1/32", "0.0.0.0/0", "2001:db8::/32", "2606:50c0::/32", "::1/128"])("accepts %s", (range) => expect(isCidr(range)).toBe(true));
  it.each(["192.0.2.0", "256.0.0.0/8", "10.0.0.0/33", "2001:db8::/129", "1::2::3/64", "example.com/24", ""])("refuses %s", (range) => expect(isCidr(range)).toBe(false));
});

describe("npm run ip-ranges", () => {
  const run = async (argv: string[], documents: Record<string, unknown>) => {
    const lines: string[] = [];
    const written: Record<string, string> = {};
    const code = await ipRanges(
      argv,
      (line) => lines.push(line),
      async (url) => {
        if (!(url in documents)) throw new Error(`${url} answered 503`);
        return documents[url];
      },
      (file, text) => (written[file] = text),
      () => "2026-11-29",
    );
    return { code, lines, written: written[PUBLISHED_FILE] ? JSON.parse(written[PUBLISHED_FILE]) : undefined };
  };

  it("shows each sender's ranges and when they were retrieved, fetching nothing", async () => {
    const { code, lines, written } = await run([], {});
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^github: \d+ ranges, retrieved \d{4}-\d{2}-\d{2} from https:\/\/api\.github\.com\/meta/);
    expect(written).toBeUndefined();
  });

  it("refreshes what changed, dates only what changed, and keeps a sender's last ranges when it cannot be read", async () => {
    const github = [...REFRESHED_RANGES.github.ranges.slice(1), "203.0.113.0/24"];
    const { code, lines, written } = await run(["--refresh"], { [PUBLISHED_RANGES.github.url]: { hooks: github } });
    expect(code).toBe(1);
    expect(lines[0]).toBe(`github: +1 -1\n  + 203.0.113.0/24\n  - ${REFRESHED_RANGES.github.ranges[0]}`);
    expect(lines[1]).toMatch(/^stripe: kept the ranges retrieved \d{4}-\d{2}-\d{2}: https:\/\/stripe\.com\/files\/ips\/ips_webhooks\.json answered 503$/);
    expect(written.github).toEqual({ url: PUBLISHED_RANGES.github.url, retrieved: "2026-11-29", ranges: github });
    expect(written.stripe).toEqual(REFRESHED_RANGES.stripe);
  });

  it("leaves an unchanged sender's date alone", async () => {
    const { code, lines, written } = await run(["--refresh"], {
      [PUBLISHED_RANGES.github.url]: { hooks: REFRESHED_RANGES.github.ranges },
      [PUBLISHED_RANGES.stripe.url]: { WEBHOOKS: REFRESHED_RANGES.stripe.ranges.map((r) => r.replace("/32", "")) },
    });
    expect([code, lines.slice(0, 2)]).toEqual([0, ["github: unchanged", "stripe: unchanged"]]);
    expect(written).toEqual(REFRESHED_RANGES);
  });

  it("computes changes as sets", () => {
    expect(rangeChanges(["a", "b"], ["b", "c"])).toEqual({ added: ["c"], removed: ["a"] });
  });
});
