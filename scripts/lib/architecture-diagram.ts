import type { SynthesizedStack } from "../../local/synthesized-stack";
import type { TerraformArguments } from "../../stacks/terraform-json";

/** A node of the diagram: the resources it stands for, folded by what they are to a reader. */
interface DiagramNode {
  readonly id: string;
  readonly label: string;
}

/** A Terraform reference to a resource's attribute, bare or inside a function call. */
const REFERENCE = /(?<![\w.])(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+/g;

/** Which node a resource belongs to; undefined for what the diagram leaves out (roles, log groups, policies). */
function nodeOf(type: string, config: TerraformArguments, stack: SynthesizedStack): DiagramNode | undefined {
  if (type.startsWith("aws_api_gateway_") && type !== "aws_api_gateway_account") {
    const sources = Object.values(stack.json.resource.aws_api_gateway_resource ?? {})
      .map((r: TerraformArguments) => r.path_part)
      .filter((part: string) => part !== "webhooks")
      .sort();
    return { id: "api", label: `API Gateway REST API<br/>POST /webhooks/{${sources.join(", ")}}` };
  }
  if (type === "aws_sqs_queue") return { id: nodeId(`queue_${config.name}`), label: `SQS ${config.name}` };
  if (type === "aws_pipes_pipe") return { id: "pipe", label: `EventBridge Pipe ${config.name}` };
  if (type === "aws_sfn_state_machine") return { id: "states", label: `Step Functions ${config.type} ${config.name}` };
  if (type === "aws_lambda_function") return { id: nodeId(`fn_${config.function_name}`), label: `Lambda ${config.function_name}` };
  if (type === "aws_dynamodb_table") return { id: "table", label: `DynamoDB ${config.name}` };
  if (type === "aws_cloudwatch_event_bus") return { id: "bus", label: `EventBridge bus ${config.name}` };
  if (type === "aws_cloudwatch_event_archive") return { id: "archive", label: `archive ${config.name}` };
  if (type === "aws_secretsmanager_secret") {
    return { id: "secrets", label: `Secrets Manager: ${Object.keys(stack.json.resource.aws_secretsmanager_secret).length} secrets, one per source` };
  }
  if (type === "aws_cloudwatch_metric_alarm") return { id: "alarms", label: `${Object.keys(stack.json.resource.aws_cloudwatch_metric_alarm).length} CloudWatch alarms` };
  if (type === "aws_sns_topic") return { id: "topic", label: `SNS ${config.name}` };
  // The payload bucket, and its notification, which tells the queue of each stored body.
  if (type === "aws_s3_bucket" && String(config.bucket_prefix).endsWith("-body-")) return { id: "bodies", label: `S3 ${config.bucket_prefix}…<br/>stored bodies` };
  if (type === "aws_s3_bucket_notification") return { id: "bodies", label: "" };
  return undefined;
}

/** Arguments through which a resource reads from another: the data flows from the other to it. */
const READS_FROM = new Set(["source", "event_source_arn"]);
/** Arguments through which alarms watch a resource: drawn dotted, from the watched to the alarms. */
const WATCHES = new Set(["dimensions", "metric_query"]);
/** Arguments that mention a resource without anything flowing: descriptions, and an alarm's all-clear. */
const MENTIONS = new Set(["alarm_description", "description", "ok_actions", "insufficient_data_actions"]);
/** What an arrow means, where its argument says it. */
const LABELS: Record<string, string> = {
  redrive_policy: "after maxReceiveCount receives",
  uri: "SendMessage",
  definition: "invokes",
  alarm_actions: "notifies",
  queue: "notifies of each body",
};
/** An integration's URI naming a bucket stores the body there. */
const labelOf = (argument: string, targetType: string) => (argument === "uri" && targetType === "aws_s3_bucket" ? "PutObject" : LABELS[argument]);

const nodeId = (text: string) => text.replace(/\W/g, "_");

/**
 * What a function's role lets it reach, as arguments of the function: it reads its secrets by name,
 * so only its role's policy refers to them.
 */
function rolePoliciesOf(type: string, config: TerraformArguments, stack: SynthesizedStack): Record<string, unknown> {
  if (type !== "aws_lambda_function") return {};
  const role = /^\$\{aws_iam_role\.([\w-]+)\.arn\}$/.exec(String(config.role))?.[1];
  const policies = Object.values(stack.json.resource.aws_iam_role_policy ?? {}).filter((policy: TerraformArguments) => [`\${aws_iam_role.${role}.id}`, `\${aws_iam_role.${role}.name}`].includes(policy.role));
  return { role_policy: policies.map((policy: TerraformArguments) => policy.policy) };
}

/**
 * The stack's architecture as a Mermaid flowchart, drawn from its synthesized Terraform: each
 * arrow is a reference between resources, pointing the way deliveries (or alarms) flow.
 */
export function architectureDiagram(stack: SynthesizedStack): string {
  const nodes = new Map<string, DiagramNode>();
  const edges = new Set<string>();
  const nodeAt = (type: string, id: string) => {
    const config = stack.json.resource[type]?.[id];
    return config ? nodeOf(type, config, stack) : undefined;
  };
  for (const [type, resources] of Object.entries(stack.json.resource)) {
    for (const config of Object.values(resources)) {
      const from = nodeOf(type, config, stack);
      if (!from) continue;
      if (from.label || !nodes.has(from.id)) nodes.set(from.id, from);
      for (const [argument, value] of Object.entries({ ...(config as Record<string, unknown>), ...rolePoliciesOf(type, config, stack) })) {
        if (MENTIONS.has(argument)) continue;
        for (const [, targetType, targetId] of JSON.stringify(value).matchAll(REFERENCE)) {
          const to = nodeAt(targetType, targetId);
          if (!to || to.id === from.id) continue;
          const label = labelOf(argument, targetType) ? `|${labelOf(argument, targetType)}|` : "";
          if (WATCHES.has(argument)) edges.add(`${to.id} -.-> ${from.id}`);
          else edges.add(READS_FROM.has(argument) ? `${to.id} -->${label} ${from.id}` : `${from.id} -->${label} ${to.id}`);
        }
      }
    }
  }
  const lines = [
    "flowchart LR",
    '  senders(["Senders"]) --> api',
    ...[...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)).map((node) => `  ${node.id}["${node.label}"]`),
    ...[...edges].sort().map((edge) => `  ${edge}`),
  ];
  return ["```mermaid", ...lines, "```"].join("\n");
}
