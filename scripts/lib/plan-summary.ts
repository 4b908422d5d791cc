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
