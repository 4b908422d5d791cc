/**
 * A resource's arguments as the synthesized Terraform JSON holds them (snake_case, any provider
 * version's schema), read field by field by the compliance rules, the cost model, the diagram and
 * the twin; a field a resource lacks reads as absent.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform's JSON has no types here: typing the arguments of every resource type the readers meet would copy the provider's schema, and each reader checks the fields it uses.
export type TerraformArguments = Record<string, any>;

/** Synthesized Terraform JSON, as `TerraformStack.toTerraform()` returns it or `cdk.tf.json` holds it. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, TerraformArguments>>;
}
