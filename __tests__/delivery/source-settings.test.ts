import { decodeSourcesSettings, encodeSourcesSettings, loadSourcesSettings, SOURCES_ENV, type SourceSettings } from "../../delivery/source-settings";

const settings = (n: number): Record<string, SourceSettings> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`source-${i}`, { schema: "users", secretId: `webhooks/dev/source-${i}`, verification: { scheme: "github" } }]));

describe("the sources' settings in the environment", () => {
  it("stay readable JSON while they fit, and are compressed beyond, losslessly and always alike", () => {
    const few = encodeSourcesSettings(settings(3), 1_000);
    expect(few).toBe(JSON.stringify(settings(3)));
    const many = encodeSourcesSettings(settings(60), 1_000);
    expect(many).toMatch(/^gzip:[A-Za-z0-9+/]+=*$/);
    expect(many.length).toBeLessThan(1_000);
    expect(encodeSourcesSettings(settings(60), 1_000)).toBe(many);
    expect(decodeSourcesSettings(many)).toEqual(settings(60));
    expect(loadSourcesSettings({ [SOURCES_ENV]: few })).toEqual(settings(3));
  });

  it("refuse a value that is neither, or settings that are not a source's", () => {
    expect(() => loadSourcesSettings({})).toThrow(`${SOURCES_ENV} is not set`);
    expect(() => decodeSourcesSettings("gzip:bm90IGd6aXA=")).toThrow();
    expect(() => decodeSourcesSettings(JSON.stringify({ a: { schema: "users" } }))).toThrow(/secretId/);
  });
});
