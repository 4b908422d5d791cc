import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parsePayload } from "../../delivery/payload";
import { sourcesSettings } from "../../delivery/source-settings";
import { EXAMPLE_PAYLOADS, sampleFile, samplePayload } from "../../local/sample-payload";
import { payloadSchemas, type PayloadSchemaName } from "../../schemas";
import { SCHEMES } from "../../senders";
import { webhookConfigSchema } from "../../stacks/config";
import { CASES } from "../support/scheme-cases";

/** The settings a source gets from naming its sender (and the keys some need) alone, as the config fills them in. */
const namedSource = (scheme: string) => {
  const verification = { scheme, ...CASES[scheme as keyof typeof CASES].settings };
  return sourcesSettings(webhookConfigSchema.parse({ sources: { [scheme]: { verification } } }).sources, (source) => `local/${source}`)[scheme];
};

describe("the sample payloads npm run send and the console post", () => {
  const files = readdirSync(EXAMPLE_PAYLOADS).sort();

  it("are there for every named sender, by its own name or its schema's", () => {
    const without = Object.keys(SCHEMES).filter((scheme) => sampleFile(scheme, namedSource(scheme)) === undefined);
    expect(without).toEqual([]);
    for (const schema of ["json", "form"]) expect(files).toContain(`${schema}.json`);
  });

  it.each(Object.keys(SCHEMES))("%s's sample passes the schema its source gets by default, in the content type it is sent in", (scheme) => {
    const settings = namedSource(scheme);
    const contentType = SCHEMES[scheme as keyof typeof SCHEMES].contentTypes[0];
    const { body } = samplePayload(scheme, settings, contentType);
    const result = payloadSchemas[settings.schema as PayloadSchemaName].safeParse(parsePayload(body, contentType));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("varies a fresh sample: a new id in the source's id field, the time now, and a nonce where the schema takes one", () => {
    const stripe = namedSource("stripe");
    const original = JSON.parse(readFileSync(sampleFile("stripe", stripe)!, "utf8"));
    const first = JSON.parse(samplePayload("stripe", stripe, "application/json", true).body.toString());
    const second = JSON.parse(samplePayload("stripe", stripe, "application/json", true).body.toString());
    expect(first.id).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(first.id).not.toBe(second.id);
    expect(first.id).not.toBe(original.id);
    expect(first.created).toBeGreaterThan(original.created);
    expect(first.nonce).not.toBe(second.nonce);
    // A form's fields vary too, and stay a form.
    const twilio = namedSource("twilio");
    const form = samplePayload("twilio", twilio, "application/x-www-form-urlencoded", true).body.toString();
    expect(new URLSearchParams(form).get("nonce")).toMatch(/^[0-9a-f]{16}$/);
    expect(samplePayload("twilio", twilio, "application/x-www-form-urlencoded").body.toString()).not.toContain("nonce");
  });

  it("names the sender's usual event where the sender names it in a header", () => {
    expect(samplePayload("github", namedSource("github"), "application/json").event).toBe("push");
    expect(samplePayload("stripe", namedSource("stripe"), "application/json").event).toBeUndefined();
  });

  it("refuses to send as a form a sample that is no object of strings, saying which file", () => {
    expect(() => samplePayload("stripe", namedSource("stripe"), "application/x-www-form-urlencoded")).toThrow(/stripe\.json cannot be sent as a form/);
  });

  it("are each valid JSON", () => {
    for (const file of files) expect(() => JSON.parse(readFileSync(path.join(EXAMPLE_PAYLOADS, file), "utf8"))).not.toThrow();
  });
});
