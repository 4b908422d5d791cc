import { redactFields } from "../../delivery/secret-fields";

describe("redactFields", () => {
  const graph = { value: [{ clientState: "s1", id: "a" }, { clientState: "s2", id: "b" }, { id: "c" }], other: { clientState: "kept" } };

  it("removes the field at a path through every item of an array, and leaves the input as it was", () => {
    expect(redactFields(graph, ["value[].clientState"])).toEqual({ value: [{ id: "a" }, { id: "b" }, { id: "c" }], other: { clientState: "kept" } });
    expect(graph.value[0].clientState).toBe("s1");
  });

  it("masks instead of removing when given a mask, keeping the order of keys", () => {
    expect(JSON.stringify(redactFields(graph, ["value[].clientState"], "•"))).toBe('{"value":[{"clientState":"•","id":"a"},{"clientState":"•","id":"b"},{"id":"c"}],"other":{"clientState":"kept"}}');
  });

  it("follows nested objects, and leaves values of another shape alone", () => {
    expect(redactFields({ signature: { token: "t", timestamp: "1" } }, ["signature.token"])).toEqual({ signature: { timestamp: "1" } });
    for (const value of [null, "text", 7, [1, 2], { value: "not an array" }, { value: [null, "x", { clientState: "s" }] }]) {
      expect(redactFields(value, ["value[].clientState"])).toEqual(
        Array.isArray((value as { value?: unknown })?.value) ? { value: [null, "x", {}] } : value,
      );
    }
  });
});
