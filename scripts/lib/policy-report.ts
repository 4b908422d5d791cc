import type { RuleReport, Suppression } from "../../stacks/rules";

/** One stack's policy results, as `npm run policy -- --json` prints them. */
export interface PolicyResult {
  readonly stack: string;
  readonly rules: {
    readonly id: string;
    readonly description: string;
    readonly resources: number;
    readonly passed: number;
    readonly failed: { readonly address: string; readonly problems: string[] }[];
    readonly suppressed: { readonly address: string; readonly reason: string; readonly where: "resource" | "config" }[];
  }[];
  /** Suppressions in the config that matched no failing resource. */
  readonly unusedSuppressions: readonly Suppression[];
}

export function policyResult(stack: string, reports: readonly RuleReport[], unused: readonly Suppression[]): PolicyResult {
  return {
    stack,
    rules: reports.map(({ rule, passed, failed, suppressed }) => ({
      id: rule.id,
      description: rule.description,
      resources: passed.length + failed.length + suppressed.length,
      passed: passed.length,
      failed,
      suppressed: suppressed.map(({ address, reason, from }) => ({ address, reason, where: from ? "config" : "resource" })),
    })),
    unusedSuppressions: unused,
  };
}

const pad = (cells: readonly string[], widths: readonly number[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");

/**
 * The table a reviewer reads: one row per rule (resources judged, passed, failed, suppressed), then
 * each failure, then each decision with its reason and the resources it covers.
 */
export function formatPolicyResult(result: PolicyResult): string {
  const header = ["rule", "resources", "passed", "failed", "suppressed"];
  const rows = result.rules.map((r) => [r.id, String(r.resources), String(r.passed), String(r.failed.length), String(r.suppressed.length)]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const failures = result.rules.flatMap((r) => r.failed.flatMap(({ address, problems }) => problems.map((problem) => `  ${r.id}  ${address} ${problem}`)));
  const decisions = result.rules.flatMap((r) => {
    const byReason = new Map<string, string[]>();
    for (const { address, reason, where } of r.suppressed) byReason.set(`${reason} (${where})`, [...(byReason.get(`${reason} (${where})`) ?? []), address]);
    return [...byReason].map(([reason, addresses]) => `  ${r.id} ${r.description}\n    on ${addresses.join(", ")}\n    because: ${reason}`);
  });
  const totals = result.rules.reduce((sum, r) => ({ failed: sum.failed + r.failed.length, suppressed: sum.suppressed + r.suppressed.length }), { failed: 0, suppressed: 0 });
  return [
    `${result.stack}: ${result.rules.length} rules, ${totals.failed} unsuppressed findings, ${totals.suppressed} suppressed with a reason`,
    "",
    pad(header, widths),
    ...rows.map((row) => pad(row, widths)),
    ...(failures.length ? ["", "Findings (fix, or suppress with a reason in the config's policy.suppressions):", ...failures] : []),
    ...(decisions.length ? ["", "Decisions:", ...decisions] : []),
    ...(result.unusedSuppressions.length
      ? ["", "Suppressions in the config that match nothing failing (stale, or mistyped):", ...result.unusedSuppressions.map((s) => `  ${s.rule} ${JSON.stringify(s.resources ?? ["*"])}: ${s.reason}`)]
      : []),
  ].join("\n");
}
