import type { TerraformJson } from "../stacks/terraform-json";
import type { PipelineShape } from "./model";

type Terraform = TerraformJson;

const all = (terraform: Terraform, type: string) => Object.values(terraform.resource?.[type] ?? {});

/** What a synthesized stack is made of, as far as its bill goes. */
export function shapeOf(terraform: Terraform): PipelineShape {
  const pipe = all(terraform, "aws_pipes_pipe")[0];
  const machine = all(terraform, "aws_sfn_state_machine")[0];
  if (!pipe || !machine) throw new Error("the stack has no pipe or state machine: is it a webhook pipeline?");
  const functionNamed = (suffix: string) => all(terraform, "aws_lambda_function").find((fn) => String(fn.function_name).endsWith(suffix));
  const map = Object.values(JSON.parse(machine.definition).States as Record<string, { Type: string; MaxConcurrency?: number }>).find((state) => state.Type === "Map");
  const archive = all(terraform, "aws_cloudwatch_event_archive")[0];
  const logGroups = all(terraform, "aws_cloudwatch_log_group");
  const sources = all(terraform, "aws_secretsmanager_secret").length;
  const acl = all(terraform, "aws_wafv2_web_acl")[0];
  // A route storing its bodies integrates S3; each source is taken to carry an equal share.
  const deliveryRoutes = all(terraform, "aws_api_gateway_method").filter((method) => method.http_method === "POST").length;
  const stored = all(terraform, "aws_api_gateway_integration").filter((i) => /:s3:path\//.test(String(i.uri))).length;
  const expiry = all(terraform, "aws_s3_bucket_lifecycle_configuration").flatMap((l) => [l.rule ?? []].flat()).find((r) => String(r.id).startsWith("expire-when"));
  return {
    batchSize: pipe.source_parameters?.sqs_queue_parameters?.batch_size ?? 10,
    maxConcurrency: map?.MaxConcurrency || 40,
    validateMemoryMb: functionNamed("-validate")?.memory_size ?? 128,
    processMemoryMb: functionNamed("-process")?.memory_size,
    idempotencyTable: all(terraform, "aws_dynamodb_table").length > 0,
    replayClaims: all(terraform, "aws_dynamodb_table").length > 0,
    eventBus: all(terraform, "aws_cloudwatch_event_bus").length > 0,
    archiveRetentionDays: archive ? archive.retention_days || 365 : 0,
    quarantine: all(terraform, "aws_sqs_queue").some((queue) => String(queue.name).endsWith("-quarantine")),
    logRetentionDays: logGroups.length ? Math.max(...logGroups.map((group) => group.retention_in_days ?? 0)) : 0,
    alarms: all(terraform, "aws_cloudwatch_metric_alarm").length,
    dashboards: all(terraform, "aws_cloudwatch_dashboard").length,
    // Verified and rejected deliveries per source, the rejected by a few reasons at a time.
    customMetrics: sources * 4,
    secrets: sources,
    customerManagedKeys: all(terraform, "aws_kms_key").length,
    wafRules: acl ? [acl.rule ?? []].flat().length : undefined,
    storedShare: deliveryRoutes ? stored / deliveryRoutes : 0,
    storedKeepDays: expiry?.expiration?.[0]?.days ?? 0,
  };
}
