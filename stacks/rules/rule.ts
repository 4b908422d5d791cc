/** Synthesized Terraform JSON, as `TerraformStack.toTerraform()` returns it. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, any>>>;
}

/**
 * A compliance rule in the manner of cdk-nag: a small pure check of the synthesized stack that
 * names every resource breaking it. The stack runs all of them at synth and refuses to synthesize
 * on any finding, so a change that weakens the pipeline fails in `cdktf synth`, not in production.
 */
export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly check: (terraform: TerraformJson) => string[];
}

/** The resources of one type, as `[address, config]` pairs. */
export function resources(terraform: TerraformJson, type: string): [string, Record<string, any>][] {
  return Object.entries(terraform.resource?.[type] ?? {}).map(([name, config]) => [`${type}.${name}`, config]);
}
