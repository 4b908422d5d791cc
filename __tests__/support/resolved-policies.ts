import type { TerraformStack } from "cdktf";
import type { TerraformArguments } from "../../stacks/terraform-json";

/** The account, region and partition the synthesized references are resolved in. */
export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "210987654321";
export const REGION = "us-east-1";

type Terraform = { resource: Record<string, Record<string, TerraformArguments>>; locals?: Record<string, string> };

/** A fixed id for a resource whose real id AWS picks (a key, an API). */
const fakeId = (name: string) => [...name].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, "0");

/** What a resource's attribute would be once applied, from its configuration. */
const ATTRIBUTES: Record<string, (config: TerraformArguments, name: string) => Record<string, string>> = {
  aws_sqs_queue: (c) => ({ arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${c.name}`, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${c.name}`, name: c.name }),
  aws_lambda_function: (c) => ({ arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${c.function_name}`, function_name: c.function_name }),
  aws_secretsmanager_secret: (c) => ({ arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${c.name}-AbCdEf`, name: c.name }),
  aws_dynamodb_table: (c) => ({ arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${c.name}`, name: c.name }),
  aws_cloudwatch_log_group: (c) => ({ arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${c.name}`, name: c.name }),
  aws_cloudwatch_event_bus: (c) => ({ arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${c.name}`, name: c.name }),
  aws_sfn_state_machine: (c) => ({ arn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${c.name}` }),
  aws_kms_key: (_c, name) => ({ arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${fakeId(name)}-0000-4000-8000-000000000000` }),
  aws_iam_role: (c) => ({ arn: `arn:aws:iam::${ACCOUNT}:role/${c.name}`, name: c.name, id: c.name }),
  aws_api_gateway_rest_api: (_c, name) => ({ id: fakeId(name), execution_arn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${fakeId(name)}` }),
  aws_sns_topic: (c) => ({ arn: `arn:aws:sns:${REGION}:${ACCOUNT}:${c.name}` }),
  // S3 completes a prefixed bucket's name; its ARN has neither region nor account.
  aws_s3_bucket: (c) => ({ arn: `arn:aws:s3:::${c.bucket_prefix}0a1b2c3d4e5f`, bucket: `${c.bucket_prefix}0a1b2c3d4e5f`, id: `${c.bucket_prefix}0a1b2c3d4e5f` }),
};

/**
 * Replaces every `${type.name.attribute}` and `${local.name}` in `text` with what it would be once
 * applied in ACCOUNT and REGION, so policies can be evaluated as AWS would.
 */
export function resolver(stack: TerraformStack): (text: string) => string {
  const terraform = stack.toTerraform() as Terraform;
  const attribute = (type: string, name: string, attr: string): string => {
    const config = terraform.resource[type]?.[name];
    const value = config && ATTRIBUTES[type]?.(config, name)[attr];
    if (value === undefined) throw new Error(`resolver: no value for ${type}.${name}.${attr}`);
    return value;
  };
  const local = (name: string): string => {
    // Locals here are `element(split(":", <type.name.attr>), n)`: a part of a sibling's ARN.
    const match = /^\$\{element\(split\(":", (\w+)\.([\w-]+)\.(\w+)\), (\d)\)\}$/.exec(terraform.locals?.[name] ?? "");
    if (!match) throw new Error(`resolver: cannot resolve local.${name}`);
    return attribute(match[1], match[2], match[3]).split(":")[Number(match[4])];
  };
  return (text) =>
    text.replace(/\$\{local\.([\w-]+)\}/g, (_m, name) => local(name)).replace(/\$\{(aws_\w+)\.([\w-]+)\.(\w+)\}/g, (_m, type, name, attr) => attribute(type, name, attr));
}

/** Each role of the stack, by name: its trust policy and its inline policies, resolved. */
export function rolesOf(stack: TerraformStack): Record<string, { trust: TerraformArguments; policies: { name: string; policy: TerraformArguments }[] }> {
  const terraform = stack.toTerraform() as Terraform;
  const resolve = resolver(stack);
  const roles: Record<string, { trust: TerraformArguments; policies: { name: string; policy: TerraformArguments }[] }> = {};
  for (const [logical, role] of Object.entries(terraform.resource.aws_iam_role ?? {})) {
    const policies = Object.entries(terraform.resource.aws_iam_role_policy ?? {})
      .filter(([, policy]) => [`\${aws_iam_role.${logical}.id}`, `\${aws_iam_role.${logical}.name}`].includes(policy.role))
      .map(([name, policy]) => ({ name, policy: JSON.parse(resolve(policy.policy)) }));
    roles[role.name] = { trust: JSON.parse(resolve(role.assume_role_policy)), policies };
  }
  return roles;
}
