import type { TerraformResource } from "cdktf";
import type { Resource } from "./rule";

/**
 * A decision not to follow a rule, with its reason. Given in the config, it covers the resources
 * whose addresses match `resources` (`*` matches any run of characters), or all the rule judges.
 */
export interface Suppression {
  /** The rule's id, such as `CKV_AWS_117`. */
  readonly rule: string;
  /** Why, as a security reviewer would read it: at least 20 characters. */
  readonly reason: string;
  /** Terraform addresses such as `aws_lambda_function.*`. @default every resource the rule judges */
  readonly resources?: readonly string[];
}

/** The shortest reason accepted: "n/a" and "false positive" are not reasons. */
export const MIN_REASON_LENGTH = 20;

/** A suppression written on a resource, in Checkov's own format for CDKTF JSON. */
interface Skip {
  readonly id: string;
  readonly comment: string;
}

const skipsByResource = new WeakMap<TerraformResource, Skip[]>();

/**
 * Suppresses a rule on one resource with a reason. It is written where Checkov reads it in CDKTF
 * output (`"//": {"checkov": {"skip": [...]}}`), so Checkov run on `cdktf.out` agrees with
 * `npm run policy`; Terraform ignores `//` keys.
 */
export function suppress(resource: TerraformResource, rule: string, reason: string): void {
  const skips = skipsByResource.get(resource) ?? [];
  skips.push({ id: rule, comment: reason });
  skipsByResource.set(resource, skips);
  resource.addOverride("//.checkov.skip", skips);
}

const glob = (pattern: string) => new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);

/**
 * Why `rule` is suppressed on `resource`: written on the resource itself, or in the config (`from`);
 * undefined if it is not.
 */
export function suppressionOf(rule: string, resource: Resource, suppressions: readonly Suppression[]): { reason: string; from?: Suppression } | undefined {
  const onResource: Skip[] = resource.config["//"]?.checkov?.skip ?? [];
  const written = onResource.find((skip) => skip.id === rule);
  if (written) return { reason: String(written.comment ?? "") };
  const from = suppressions.find((s) => s.rule === rule && (s.resources ?? ["*"]).some((pattern) => glob(pattern).test(resource.address)));
  return from && { reason: from.reason, from };
}
