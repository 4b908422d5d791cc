import { eventTypeOf } from "../../delivery/event-type";

describe("eventTypeOf", () => {
  it("reads the type from a header, whatever its case, or from a top-level payload field", () => {
    expect(eventTypeOf({ header: "x-github-event" }, { "X-GitHub-Event": "push" }, {})).toBe("push");
    expect(eventTypeOf({ field: "type" }, {}, { type: " invoice.paid ", data: {} })).toBe("invoice.paid");
  });

  it("gives nothing EventBridge could not carry: absent, empty, not a string, or over 128 characters", () => {
    expect(eventTypeOf(undefined, { "x-github-event": "push" }, { type: "a" })).toBeUndefined();
    expect(eventTypeOf({ header: "x-github-event" }, {}, {})).toBeUndefined();
    expect(eventTypeOf({ field: "type" }, {}, { type: 7 })).toBeUndefined();
    expect(eventTypeOf({ field: "type" }, {}, ["type"])).toBeUndefined();
    expect(eventTypeOf({ field: "type" }, {}, { type: "x".repeat(129) })).toBeUndefined();
    expect(eventTypeOf({ field: "type" }, {}, { type: "x".repeat(128) })).toHaveLength(128);
  });
});
