import { mediaType, parsePayload, PayloadError } from "../../../handlers/lib/payload";

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

  it("compares media types without their parameters or case", () => {
    expect(mediaType(" Application/X-WWW-Form-URLEncoded ; charset=UTF-8")).toBe("application/x-www-form-urlencoded");
  });
});
