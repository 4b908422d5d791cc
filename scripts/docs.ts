/**
 * Regenerates the generated sections of the README and docs/ from the code: the architecture diagram
 * from the synthesized dev stack, the configuration reference from the config schema's types and
 * comments, the table of senders from their schemes, what the bundles carry from npm, and the cost
 * tables from the dev stack's shape. `npm test` fails when they are out of date.
 *
 *   npm run docs
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { shapeOf } from "../cost/shape";
import { readSynthesizedStack } from "../local/synthesized-stack";
import type { WebhookConfigInput } from "../stacks/config";
import { WebhookStack } from "../stacks/webhook-stack";
import { runPlainTool } from "./lib/command-line";
import { architectureDiagram } from "./lib/architecture-diagram";
import { bundledPackagesTable } from "./lib/bundled-packages";
import { costLeversTable, costReadmeTable } from "./lib/cost-table";
import { configReference } from "./lib/config-reference";
import { documentedFields } from "./lib/documented-fields";
import { sendersTable } from "./lib/senders-table";

const ROOT = path.resolve(__dirname, "..");

/** The page each generated section is on, relative to the project's root. */
export const SECTION_PAGES = {
  architecture: "README.md",
  configuration: "docs/configuration.md",
  senders: "docs/senders.md",
  "bundled-packages": "docs/security.md",
  cost: "docs/performance-and-cost.md",
  "cost-levers": "docs/performance-and-cost.md",
} as const;
export type SectionName = keyof typeof SECTION_PAGES;

/** A page's full path. */
export const pagePath = (page: string) => path.join(ROOT, page);

/**
 * The stack the docs describe: the project's three example sources, every other setting at its
 * default. It is the docs' own, not main.ts's: a team's sources change its app, not the project's
 * documentation, so adding one leaves `npm test` green.
 */
export const DOCS_STACK = "webhooks-dev";
export const DOCS_CONFIG: WebhookConfigInput = {
  sources: {
    users: { schema: "users", verification: { scheme: "hmac", header: "X-Signature" } },
    github: { verification: { scheme: "github" } },
    stripe: { verification: { scheme: "stripe" } },
  },
};

/** Each generated section, by its marker's name. */
export function generatedSections(): Record<SectionName, string> {
  const outdir = mkdtempSync(path.join(tmpdir(), "docs-synth-"));
  const app = new App({ outdir });
  const stack = new WebhookStack(app, DOCS_STACK, DOCS_CONFIG);
  app.synth();
  const shape = shapeOf(stack.toTerraform());
  return {
    architecture: architectureDiagram(readSynthesizedStack(path.join(outdir, "stacks", DOCS_STACK))),
    configuration: configReference(documentedFields("stacks/config/index.ts", "WebhookConfigInput")),
    senders: sendersTable(),
    "bundled-packages": bundledPackagesTable(),
    cost: costReadmeTable(shape),
    "cost-levers": costLeversTable(shape),
  };
}

const markers = (name: string) => [`<!-- generated:${name} (npm run docs) -->`, `<!-- /generated:${name} -->`] as const;

/** The text between a section's markers. */
export function sectionOf(text: string, name: string): string | undefined {
  const [start, end] = markers(name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from < 0 || to < from ? undefined : text.slice(from + start.length, to).trim();
}

/** `text` with each section's markers enclosing its new content. */
export function withSections(text: string, sections: Record<string, string>): string {
  let updated = text;
  for (const [name, content] of Object.entries(sections)) {
    const [start, end] = markers(name);
    const old = sectionOf(updated, name);
    if (old === undefined) throw new Error(`the page has no ${start} … ${end} markers`);
    updated = updated.replace(`${start}\n${old}\n${end}`, `${start}\n${content}\n${end}`);
  }
  return updated;
}

const COMMAND_LINE = {
  description:
    "Regenerates the generated sections of the README and docs/ from the code: the architecture diagram and cost tables (of the example stack the docs describe), " +
    "the configuration reference, the senders table and what the bundles carry. npm test fails when they are out of date.",
  usage: "usage: npm run docs",
  options: {},
} as const;

if (require.main === module) {
  runPlainTool(COMMAND_LINE, () => {
    const sections = generatedSections();
    for (const page of new Set(Object.values(SECTION_PAGES))) {
      const own = Object.fromEntries(Object.entries(sections).filter(([name]) => SECTION_PAGES[name as SectionName] === page));
      writeFileSync(pagePath(page), withSections(readFileSync(pagePath(page), "utf8"), own));
      console.log(`${page}: ${Object.keys(own).join(", ")} regenerated.`);
    }
  });
}
