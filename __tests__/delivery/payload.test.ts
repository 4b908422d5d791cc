import { MAX_JSON_DEPTH, mediaType, nestsDeeperThan, parsePayload, PayloadError } from "../../delivery/payload";

describe("parsePayload", () => {
  it("reads a form as its fields, every value of a repeated name in order", () => {
    const body = Buffer.from("text=caf%C3%A9+au+lait&tag=a&tag=b&empty=&tag=c");
    expect(parsePayload(body, "application/x-www-form-urlencoded; charset=utf-8")).toEqual({ text: "café au lait", tag: ["a", "b", "c"], empty: "" });
  });

  it("reads anything else as JSON, and says so when it is not", () => {
    expect(parsePayload(Buffer.from('{"a":[1]}'), "application/json")).toEqual({ a: [1] });
    expect(parsePayload(Buffer.from('{"a":1}'), "")).toEqual({ a: 1 });
    expect(() => parsePayload(Buffer.from("a=1"), "application/json")).toThrow(PayloadError);
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels before parsing it, and takes it up to that`, () => {
    const nested = (depth: number) => Buffer.from(`${"[".repeat(depth - 1)}{"a":1}${"]".repeat(depth - 1)}`);
    expect(parsePayload(nested(MAX_JSON_DEPTH), "application/json")).toBeDefined();
    expect(() => parsePayload(nested(MAX_JSON_DEPTH + 1), "application/json")).toThrow(new PayloadError(`body nests deeper than ${MAX_JSON_DEPTH} levels`));
    expect(() => parsePayload(Buffer.from("[".repeat(50_000)), "application/json")).toThrow(/nests deeper/);
  });

  it("counts only brackets outside strings, escaped quotes and multi-byte characters included", () => {
    expect(nestsDeeperThan(Buffer.from('{"a":"[[[[{{{{"}'), 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(String.raw`{"a\\":"\"[[[[","b":[]}`), 1)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(String.raw`{"a":"\"[[[["}`), 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('{"ü[":"日本[["}'), 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from("[[]]"), 1)).toBe(true);
    expect(nestsDeeperThan(Buffer.from("[][][]"), 1)).toBe(false);
  });

  it("compares media types without their parameters or case", () => {
    expect(mediaType(" Application/X-WWW-Form-URLEncoded ; charset=UTF-8")).toBe("application/x-www-form-urlencoded");
  });
});
