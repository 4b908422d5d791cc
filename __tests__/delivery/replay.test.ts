import fc from "fast-check";
import { REPLAY_KEY_PREFIX, replayKey } from "../../delivery/replay";

describe("replayKey", () => {
  const body = Buffer.from('{"action":"opened"}');
  const timestamp = "1764000000";

  it("is the same for the same source and signed content, and keeps none of it in clear", () => {
    const key = replayKey("stripe", [timestamp, ".", body]);
    expect(key).toBe(replayKey("stripe", [Buffer.from(timestamp), ".", Buffer.from(body)]));
    expect(key).toMatch(new RegExp(`^${REPLAY_KEY_PREFIX}stripe#[0-9a-f]{64}$`));
    expect(key).not.toContain(timestamp);
    expect(key).not.toContain("opened");
  });

  it("differs when any part differs, and does not let a value slide from one part into the next", () => {
    const keys = [
      replayKey("github", [body]),
      replayKey("shopify", [body]),
      replayKey("github", [Buffer.from('{"action":"closed"}')]),
      replayKey("github", ["a", "b", body]),
      replayKey("github", ["ab", "", body]),
      replayKey("github", ["ab", body]),
      replayKey("github", [Buffer.concat([Buffer.from("ab"), body])]),
      replayKey("github", [body, ""]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never collides for distinct random contents", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array(), { maxLength: 4 }), fc.array(fc.uint8Array(), { maxLength: 4 }), (a, b) => {
        const same = a.length === b.length && a.every((part, i) => Buffer.from(part).equals(Buffer.from(b[i])));
        fc.pre(!same);
        expect(replayKey("s", a.map((p) => Buffer.from(p)))).not.toBe(replayKey("s", b.map((p) => Buffer.from(p))));
      }),
    );
  });
});
