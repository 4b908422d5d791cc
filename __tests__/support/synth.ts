/** The resources of one Terraform type in a synthesized stack, by logical id. */
export function resourcesOf(synthesized: string, type: string): Record<string, any> {
  return JSON.parse(synthesized).resource?.[type] ?? {};
}

/** The only resource of a type; fails if there is not exactly one. */
export function onlyResource(synthesized: string, type: string): any {
  const all = Object.values(resourcesOf(synthesized, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Every IAM policy document (inline, queue, trust) in a synthesized stack, parsed. */
export function policyDocuments(synthesized: string): { where: string; document: any }[] {
  const out: { where: string; document: any }[] = [];
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

/**
 * Replaces `${<type>.<id>.name}` and `${<type>.<id>.arn}` references in a synthesized value with the
 * referenced resource's name, and an ARN made from it: what Terraform would put there on apply.
 */
export function resolveReferences(synthesized: string, text: string): string {
  const resources = JSON.parse(synthesized).resource;
  return text.replace(/\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(name|arn)\}/g, (reference, type: string, id: string, attribute: string) => {
    const resource = resources[type]?.[id];
    if (!resource?.name) throw new Error(`cannot resolve ${reference}`);
    if (attribute === "name") return resource.name;
    const service = type.replace(/^aws_/, "").split("_")[0];
    return `arn:aws:${service}:us-east-1:123456789012:${resource.name}`;
  });
}
