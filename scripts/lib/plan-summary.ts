/** The part of `terraform show -json <plan file>` a summary reads. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly change: { readonly actions: readonly string[]; readonly replace_paths?: readonly (readonly (string | number)[])[] };
    readonly action_reason?: string;
  }[];
}

/** A plan's changes by kind, each resource by address. */
export interface PlanSummary {
  readonly creates: readonly string[];
  readonly updates: readonly string[];
  /** Destroyed and created again: whatever the resource held is gone, and its ARN changes. */
  readonly replaces: readonly { readonly address: string; readonly because: readonly string[] }[];
  readonly destroys: readonly { readonly address: string; readonly reason?: string }[];
}

/** Reads a plan's changes; data sources read and resources left alone are not changes. */
export function summarizePlan(plan: PlanJson): PlanSummary {
  const summary = { creates: [] as string[], updates: [] as string[], replaces: [] as PlanSummary["replaces"][number][], destroys: [] as PlanSummary["destroys"][number][] };
  for (const { address, change, action_reason: reason } of plan.resource_changes ?? []) {
    const actions = [...change.actions].sort().join(",");
    if (actions === "create") summary.creates.push(address);
    else if (actions === "update") summary.updates.push(address);
    else if (actions === "create,delete") summary.replaces.push({ address, because: (change.replace_paths ?? []).map((path) => path.join(".")) });
    else if (actions === "delete") summary.destroys.push({ address, ...(reason ? { reason } : {}) });
  }
  return summary;
}

/** A resource's header in Terraform's human plan: `  # <address> will be created` and the like. */
const HEADER = /^ {2}# (\S+) (will be created|will be updated in-place|must be replaced|will be replaced, as requested|is tainted, so must be replaced|will be destroyed)$/;
const NOT_IN_CONFIGURATION = /^ {2}# \(because \S+ is not in configuration\)$/;
const FORCES_REPLACEMENT = /^\s+[~+-] ("?)([\w-]+)\1\s.*# forces replacement$/;

/**
 * Reads the same changes from Terraform's human plan, for the runs that give no plan file: a
 * speculative plan in HCP Terraform prints only this.
 */
export function summarizePlanText(text: string): PlanSummary {
  const summary = { creates: [] as string[], updates: [] as string[], replaces: [] as { address: string; because: string[] }[], destroys: [] as PlanSummary["destroys"][number][] };
  let replacing: { address: string; because: string[] } | undefined;
  for (const line of text.split("\n")) {
    const header = HEADER.exec(line);
    if (header) {
      const [, address, what] = header;
      replacing = undefined;
      if (what === "will be created") summary.creates.push(address);
      else if (what === "will be updated in-place") summary.updates.push(address);
      else if (what === "will be destroyed") summary.destroys.push({ address });
      else summary.replaces.push((replacing = { address, because: [] }));
      continue;
    }
    const last = summary.destroys.at(-1);
    if (NOT_IN_CONFIGURATION.test(line) && last && !last.reason) summary.destroys[summary.destroys.length - 1] = { ...last, reason: "delete_because_no_resource_config" };
    const forced = replacing && FORCES_REPLACEMENT.exec(line);
    if (replacing && forced) replacing.because.push(forced[2]);
  }
  return summary;
}

/** Why Terraform destroys a resource, in words, for its `action_reason`. */
const DESTROY_REASONS: Record<string, string> = {
  delete_because_no_resource_config: "no longer in the configuration",
  delete_because_no_module: "its module is gone",
  delete_because_wrong_repetition: "its count or for_each changed",
  delete_because_count_index: "beyond the new count",
  delete_because_each_key: "its for_each key is gone",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The summary as Markdown, for a pull request comment and a terminal alike: counts first, then
 * replacements and destructions flagged loudly with why, then every other change.
 */
export function formatPlanSummary(stack: string, summary: PlanSummary): string {
  const { creates, updates, replaces, destroys } = summary;
  const counts = [`${creates.length} to create`, `${updates.length} to update in place`, `${replaces.length} to replace`, `${destroys.length} to destroy`];
  const lines = [`### \`${stack}\`: ${counts.join(", ")}`, ""];
  if (creates.length + updates.length + replaces.length + destroys.length === 0) return [...lines, "No changes: the infrastructure matches the configuration."].join("\n");
  if (replaces.length > 0) {
    lines.push(
      "> [!CAUTION]",
      `> **${plural(replaces.length, "resource")} will be destroyed and created again.** Whatever ${replaces.length === 1 ? "it holds" : "they hold"} (queued messages, table items, logs) is lost and ${replaces.length === 1 ? "its" : "their"} ARN changes:`,
      ...replaces.map(({ address, because }) => `> - \`${address}\`${because.length ? `, because ${because.map((p) => `\`${p}\``).join(", ")} cannot change in place` : ""}`),
      "",
    );
  }
  if (destroys.length > 0) {
    lines.push(
      "> [!WARNING]",
      `> **${plural(destroys.length, "resource")} will be destroyed:**`,
      ...destroys.map(({ address, reason }) => `> - \`${address}\`${reason ? ` (${DESTROY_REASONS[reason] ?? reason})` : ""}`),
      "",
    );
  }
  if (creates.length + updates.length > 0) {
    lines.push("| change | resource |", "| --- | --- |", ...creates.map((a) => `| + create | \`${a}\` |`), ...updates.map((a) => `| ~ update in place | \`${a}\` |`));
  }
  return lines.join("\n").trimEnd();
}
