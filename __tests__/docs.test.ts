import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { DOCS_CONFIG, generatedSections, pagePath, SECTION_PAGES, sectionOf, withSections, type SectionName } from "../scripts/docs";
import { architectureDiagram } from "../scripts/lib/architecture-diagram";

describe("the generated sections of the README and docs/", () => {
  const sections = generatedSections();

  it.each(Object.entries(SECTION_PAGES))("%s, on %s, is current (npm run docs regenerates it)", (name, page) => {
    expect(sectionOf(readFileSync(pagePath(page), "utf8"), name)).toBe(sections[name as SectionName]);
  });

  it("shows as the README's example the sources the docs' stack has", () => {
    const readme = readFileSync(pagePath("README.md"), "utf8");
    const example = /```ts\n(const SOURCES: WebhookConfigInput\["sources"\] = \{[\s\S]*?\n\};)\n```/.exec(readme);
    expect(example).not.toBeNull();
    // The example is TypeScript only in its annotation: its object literal is plain JavaScript.
    const shown: unknown = runInNewContext(`(${example![1].slice(example![1].indexOf("{"), -1)})`);
    expect(shown).toEqual(DOCS_CONFIG.sources);
  });

  it("lists every option with its default, from the schema's comments", () => {
    expect(sections.configuration).toContain("| `queue.maxReceiveCount` | `number` | 3 | Receives before a message moves to the DLQ. |");
    expect(sections.configuration).toContain("| `sources.<name>.verification.algorithm` (hmac) | `'sha1' \\| 'sha256' \\| 'sha512'` | \"sha256\" | The hash the HMAC uses. |");
    expect(sections.configuration).toContain("| `backend.cloud.organization` | `string` |  | The organization. Required. |");
  });

  it("draws the delivery path the stack synthesizes: API, queue, DLQ, pipe, state machine, functions, bus", () => {
    for (const edge of [
      // Its sources store their bodies (the default): the bucket notifies the queue.
      "api -->|PutObject| bodies",
      "bodies -->|notifies of each body| queue_webhooks_dev_deliveries",
      "queue_webhooks_dev_deliveries --> pipe",
      "queue_webhooks_dev_deliveries -->|after maxReceiveCount receives| queue_webhooks_dev_deliveries_dlq",
      "pipe --> states",
      "states -->|invokes| fn_webhooks_dev_validate",
      "fn_webhooks_dev_validate --> queue_webhooks_dev_quarantine",
      "fn_webhooks_dev_process --> bus",
    ]) {
      expect(sections.architecture).toContain(`  ${edge}\n`);
    }
  });

  it("draws what references say, nothing else", () => {
    const stack = { dir: "", json: { resource: { aws_sqs_queue: { q: { name: "q" }, d: { name: "d", policy: "${aws_sqs_queue.q.arn}" } } } } };
    expect(architectureDiagram(stack as unknown as ReturnType<typeof readSynthesizedStack>)).toBe(
      ["```mermaid", "flowchart LR", '  senders(["Senders"]) --> api', '  queue_d["SQS d"]', '  queue_q["SQS q"]', "  queue_d --> queue_q", "```"].join("\n"),
    );
  });

  it("replaces a section between its markers and refuses a README without them", () => {
    const text = "a\n<!-- generated:x (npm run docs) -->\nold\n<!-- /generated:x -->\nb";
    expect(withSections(text, { x: "new" })).toBe("a\n<!-- generated:x (npm run docs) -->\nnew\n<!-- /generated:x -->\nb");
    expect(() => withSections("a", { x: "new" })).toThrow(/no <!-- generated:x/);
  });
});
