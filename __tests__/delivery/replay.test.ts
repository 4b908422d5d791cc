import fc from "fast-check";
import { REPLAY_KEY_PREFIX, replayKey } from "../../delivery/replay";

describe("replayKey", () => {
  const body = Buffer.from('{"action":"opened"}');
  const signature = "sha256=" + "ab".repeat(32);

  it("is the same for the same source, presented headers and body, and keeps none of them in clear", () => {
    const key = replayKey("github", [signature], body);
    expect(key).toBe(replayKey("github", [signature], Buffer.from(body)));
    expect(key).toMatch(new RegExp(`^${REPLAY_KEY_PREFIX}github#[0-9a-f]{64}$`));
    expect(key).not.toContain("ab".repeat(8));
    expect(key).not.toContain("opened");
  });

  it("differs when any of them differs, and does not let a value slide from one part into the next", () => {
    const keys = [
      replayKey("github", [signature], body),
      replayKey("shopify", [signature], body),
      replayKey("github", [signature + "0"], body),
      replayKey("github", [signature], Buffer.from('{"action":"closed"}')),
      replayKey("github", ["a", "b"], body),
      replayKey("github", ["ab", ""], body),
      replayKey("github", [], Buffer.concat([Buffer.from("ab\0"), body])),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never collides for distinct random bodies", () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        fc.pre(!Buffer.from(a).equals(Buffer.from(b)));
        expect(replayKey("s", ["x"], Buffer.from(a))).not.toBe(replayKey("s", ["x"], Buffer.from(b)));
      }),
    );
  });
});
