/**
 * Regenerates the README's generated sections from the code: the architecture diagram from the
 * synthesized dev stack, the configuration reference from the config schema's types and comments,
 * the table of senders from their schemes, what the bundles carry from npm, and the cost tables
 * from the dev stack's shape. `npm test` fails when they are out of date.
 *
 *   npm run docs
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { shapeOf } from "../cost/shape";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { buildApp, LOCAL_STACK } from "../main";
import type { WebhookStack } from "../stacks/webhook-stack";
import { architectureDiagram } from "./lib/architecture-diagram";
import { bundledPackagesTable } from "./lib/bundled-packages";
import { costLeversTable, costReadmeTable } from "./lib/cost-table";
import { configReference } from "./lib/config-reference";
import { documentedFields } from "./lib/documented-fields";
import { sendersTable } from "./lib/senders-table";

export const README = path.resolve(__dirname, "../README.md");

/** Each generated section of the README, by its marker's name. */
export function generatedSections(): Record<string, string> {
  const outdir = mkdtempSync(path.join(tmpdir(), "docs-synth-"));
  const app = buildApp(new App({ outdir }), {});
  app.synth();
  const shape = shapeOf((app.node.children.find((child) => child.node.id === LOCAL_STACK) as WebhookStack).toTerraform());
  return {
    architecture: architectureDiagram(readSynthesizedStack(path.join(outdir, "stacks", LOCAL_STACK))),
    configuration: configReference(documentedFields("stacks/config.ts", "WebhookConfigInput")),
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
    if (old === undefined) throw new Error(`README.md has no ${start} … ${end} markers`);
    updated = updated.replace(`${start}\n${old}\n${end}`, `${start}\n${content}\n${end}`);
  }
  return updated;
}

if (require.main === module) {
  writeFileSync(README, withSections(readFileSync(README, "utf8"), generatedSections()));
  console.log("README.md: the architecture diagram, configuration reference, senders table, bundled packages and cost tables regenerated.");
}
