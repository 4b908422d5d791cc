import { localAttribute, resolveReferences as resolveLocally } from "../../local/synthesized-stack";
import type { TerraformArguments } from "../../stacks/terraform-json";

/** The resources of one Terraform type in a synthesized stack, by logical id. */
export function resourcesOf(synthesized: string, type: string): Record<string, TerraformArguments> {
  return JSON.parse(synthesized).resource?.[type] ?? {};
}

/** The only resource of a type; fails if there is not exactly one. */
export function onlyResource(synthesized: string, type: string): TerraformArguments {
  const all = Object.values(resourcesOf(synthesized, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Every IAM policy document (inline, queue, trust) in a synthesized stack, parsed. */
export function policyDocuments(synthesized: string): { where: string; document: TerraformArguments }[] {
  const out: { where: string; document: TerraformArguments }[] = [];
  for (const [type, field] of [
    ["aws_iam_role_policy", "policy"],
    ["aws_iam_role", "assume_role_policy"],
    ["aws_sqs_queue_policy", "policy"],
  ] as const) {
    for (const [id, resource] of Object.entries(resourcesOf(synthesized, type))) {
      out.push({ where: `${type}.${id}`, document: JSON.parse(resource[field]) });
    }
  }
  return out;
}

/** Resolves the references in a synthesized value as the local twin does: names, and local ARNs. */
export function resolveReferences(synthesized: string, text: string): string {
  const stack = { dir: "", json: JSON.parse(synthesized) };
  return resolveLocally(text, (type, resource, attribute) => localAttribute(type, resource, attribute, "us-east-1"), stack);
}
