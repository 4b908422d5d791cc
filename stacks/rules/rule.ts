import type { TerraformArguments, TerraformJson } from "../terraform-json";

export type { TerraformArguments, TerraformJson };

/** One resource of a synthesized stack: its Terraform address (`type.name`) and its configuration. */
export interface Resource {
  readonly address: string;
  readonly type: string;
  readonly config: TerraformArguments;
}

/**
 * A compliance rule in the manner of cdk-nag: a small pure check of one resource, named after the
 * public rule it mirrors (Checkov's `CKV_AWS_…`/`CKV2_AWS_…`, cdk-nag's `AwsSolutions-…`), or
 * `WH_AWS_…` where no public rule says what this pipeline relies on. The stack runs every rule at
 * synth and refuses to synthesize on an unsuppressed finding.
 */
export interface Rule {
  /** The public rule's id. */
  readonly id: string;
  /** What a compliant resource is, in the public rule's words where it has them. */
  readonly description: string;
  /** The resource types it judges: each passes, fails or is suppressed. */
  readonly resourceTypes: readonly string[];
  /** What is wrong with one resource, one sentence per problem; empty when it complies. */
  readonly check: (resource: Resource, terraform: TerraformJson) => string[];
}

/** The resources of some types, in synth order. */
export function resourcesOf(terraform: TerraformJson, types: readonly string[]): Resource[] {
  return types.flatMap((type) => Object.entries(terraform.resource?.[type] ?? {}).map(([name, config]) => ({ address: `${type}.${name}`, type, config })));
}

/** `${type.name.attribute}`, as another resource refers to this one. */
export function reference(resource: Resource, attribute: string): string {
  return `\${${resource.address}.${attribute}}`;
}

/** A rule that fails a resource when `problem` returns a sentence. */
export function rule(id: string, description: string, resourceTypes: readonly string[], problem: (config: TerraformArguments, resource: Resource, terraform: TerraformJson) => string | undefined | false): Rule {
  return {
    id,
    description,
    resourceTypes,
    check: (resource, terraform) => {
      const found = problem(resource.config, resource, terraform);
      return found ? [found] : [];
    },
  };
}

/** The resources of `type` whose `field` refers to `target` by one of `attributes` (`${target.id}`, `${target.arn}`...). */
export function attachedTo(terraform: TerraformJson, type: string, field: string, target: Resource, attributes: readonly string[]): TerraformArguments[] {
  const references = attributes.map((attribute) => reference(target, attribute));
  return resourcesOf(terraform, [type])
    .map(({ config }) => config)
    .filter((config) => references.includes(config[field]));
}
