import type { DocumentedField } from "./documented-fields";

const cell = (text: string) => text.replace(/\|/g, "\\|");

/**
 * The configuration reference, a Markdown table: every option at every depth, its type, its
 * default and what it does, as the schema's own comments say. A scheme's settings name the scheme.
 */
export function configReference(fields: readonly DocumentedField[]): string {
  const rows = fields.map((field) => {
    const option = `\`${field.path}\`${field.variant ? ` (${field.variant})` : ""}`;
    const required = !field.optional && field.default === undefined ? " Required." : "";
    // A union tagged by `scheme` lists every sender: the senders table names them, with what each reads.
    const type = field.type.startsWith("{ scheme:") ? "`{ scheme, … }`: a scheme of the senders table" : field.section ? "" : `\`${cell(field.type)}\``;
    return `| ${option} | ${type} | ${cell(field.default ?? "")} | ${cell(field.doc)}${required} |`;
  });
  return ["| option | type | default | what it does |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
