import type { Rule, TerraformJson } from "./rule";
import { resourcesOf } from "./rule";
import { MIN_REASON_LENGTH, suppressionOf, type Suppression } from "./suppressions";

/** How one rule judged a stack. */
export interface RuleReport {
  readonly rule: Rule;
  /** Addresses that comply. */
  readonly passed: string[];
  /** Addresses that do not, each with its problems. */
  readonly failed: { readonly address: string; readonly problems: string[] }[];
  /** Addresses that do not comply by decision, each with its reason. */
  readonly suppressed: { readonly address: string; readonly reason: string; readonly from?: Suppression }[];
}

/** Runs each rule over every resource it judges, honouring suppressions that give a reason. */
export function evaluateRules(terraform: TerraformJson, rules: readonly Rule[], suppressions: readonly Suppression[] = []): RuleReport[] {
  return rules.map((rule) => {
    const report: RuleReport = { rule, passed: [], failed: [], suppressed: [] };
    for (const resource of resourcesOf(terraform, rule.resourceTypes)) {
      const problems = rule.check(resource, terraform);
      const suppression = suppressionOf(rule.id, resource, suppressions);
      if (problems.length === 0) report.passed.push(resource.address);
      else if (!suppression) report.failed.push({ address: resource.address, problems });
      else if (suppression.reason.trim().length >= MIN_REASON_LENGTH) report.suppressed.push({ address: resource.address, ...suppression });
      else report.failed.push({ address: resource.address, problems: [...problems, `(suppressed with "${suppression.reason}", which is not a reason: ${MIN_REASON_LENGTH} characters at least)`] });
    }
    return report;
  });
}

/** Every unsuppressed finding, as `[rule] address problem`. */
export function findings(reports: readonly RuleReport[]): string[] {
  return reports.flatMap(({ rule, failed }) => failed.flatMap(({ address, problems }) => problems.map((problem) => `[${rule.id}] ${address} ${problem}`)));
}

/** Suppressions in the config that matched no failing resource: stale, or mistyped. */
export function unusedSuppressions(reports: readonly RuleReport[], suppressions: readonly Suppression[]): Suppression[] {
  return suppressions.filter((s) => !reports.some((report) => report.suppressed.some(({ from }) => from === s)));
}
