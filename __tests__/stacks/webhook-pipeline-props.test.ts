import { documentedFields } from "../../scripts/lib/documented-fields";

/**
 * WebhookPipelineProps in the aws-cdk-lib manner: every field, in every section, documented, and
 * every field that may be left out says its default. Read from the types as an editor shows them.
 */
describe("WebhookPipelineProps", () => {
  const all = documentedFields("stacks/webhook-pipeline.ts", "WebhookPipelineProps");

  it("reads the fields it checks", () => {
    expect(all.map((f) => f.path)).toEqual(
      expect.arrayContaining(["sources", "queue", "queue.maxReceiveCount", "api.customDomain", "functions.reservedConcurrency.process", "sources.<name>.throttle.rateLimit"]),
    );
  });

  it("documents every field", () => {
    expect(all.filter((f) => f.doc === "").map((f) => `${f.path}${f.variant ? ` (${f.variant})` : ""}`)).toEqual([]);
  });

  it("gives the default of every field that holds a value and may be left out", () => {
    const withoutDefault = all.filter((f) => f.optional && !f.section && f.default === undefined && !/ default|none|unset|without it/i.test(f.doc));
    expect(withoutDefault.map((f) => `${f.path}${f.variant ? ` (${f.variant})` : ""}`)).toEqual([]);
  });
});
