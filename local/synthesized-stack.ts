import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { RestApiDescription, RestApiRoute, Throttle } from "./rest-api";
import type { TableResource } from "./dynamodb";
import type { LocalQueueProps } from "./sqs";
import type { TerraformArguments } from "../stacks/terraform-json";

/**
 * What the local twin reads from a synthesized stack's `cdk.tf.json`: the resources Terraform would
 * create, nothing described a second time. References between resources (`${type.id.attr}`) are
 * followed within the JSON, or resolved to the values the twin gives them.
 */
export interface SynthesizedStack {
  /** The stack's directory, which asset paths are relative to. */
  readonly dir: string;
  readonly json: { resource: Record<string, Record<string, TerraformArguments>>; output?: Record<string, { value: string }>; provider?: TerraformArguments };
}

export function readSynthesizedStack(dir: string): SynthesizedStack {
  return { dir, json: JSON.parse(readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) };
}

const REFERENCE = /\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g;

interface Reference {
  readonly type: string;
  readonly id: string;
  readonly attribute: string;
}

/** The reference a value is, if it is exactly one. */
function referenceIn(value: unknown): Reference | undefined {
  const match = typeof value === "string" ? /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(value) : null;
  return match ? { type: match[1], id: match[2], attribute: match[3] } : undefined;
}

function resources(stack: SynthesizedStack, type: string): [string, TerraformArguments][] {
  return Object.entries(stack.json.resource[type] ?? {});
}

function only(stack: SynthesizedStack, type: string): [string, TerraformArguments] {
  const all = resources(stack, type);
  if (all.length !== 1) throw new Error(`The local twin expects one ${type} in the stack; it has ${all.length}.`);
  return all[0];
}

/** Replaces every reference in `text` with what `resolve` gives it. */
export function resolveReferences(text: string, resolve: (type: string, resource: TerraformArguments, attribute: string) => string, stack: SynthesizedStack): string {
  return text.replace(REFERENCE, (reference, type: string, id: string, attribute: string) => {
    const resource = stack.json.resource[type]?.[id];
    if (!resource) throw new Error(`${reference} names no resource of the stack`);
    return resolve(type, resource, attribute);
  });
}

/** The account id every local ARN carries. */
export const LOCAL_ACCOUNT_ID = "000000000000";

/**
 * A resource's `name`-like attribute, or the ARN AWS would give it in the local account; what
 * Terraform would put in place of a reference on apply.
 */
export function localAttribute(type: string, resource: TerraformArguments, attribute: string, region: string): string {
  // A bucket named by a prefix gets the rest of its name from S3: locally, "local".
  const name = String(resource.name ?? resource.function_name ?? resource.dashboard_name ?? resource.stage_name ?? resource.bucket ?? (resource.bucket_prefix ? `${resource.bucket_prefix}local` : "local"));
  if (attribute !== "arn") return name;
  const arn = (service: string, path: string) => `arn:aws:${service}:${region}:${LOCAL_ACCOUNT_ID}:${path}`;
  switch (type) {
    case "aws_secretsmanager_secret":
      return arn("secretsmanager", `secret:${name}`);
    case "aws_dynamodb_table":
      return arn("dynamodb", `table/${name}`);
    case "aws_cloudwatch_event_bus":
      return arn("events", `event-bus/${name}`);
    case "aws_lambda_function":
      return arn("lambda", `function:${name}`);
    case "aws_sfn_state_machine":
      return arn("states", `stateMachine:${name}`);
    default:
      return arn(type.replace(/^aws_/, "").split("_")[0], name);
  }
}

export function region(stack: SynthesizedStack): string {
  return stack.json.provider?.aws?.[0]?.region ?? "us-east-1";
}

/** The REST API's routes, validators, models, templates, responses and stage settings. */
export function describeRestApi(stack: SynthesizedStack): RestApiDescription {
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const resource = stack.json.resource.aws_api_gateway_resource[id];
    const parent = referenceIn(resource.parent_id);
    const full = `${parent?.type === "aws_api_gateway_resource" ? pathOf(parent.id) : ""}/${resource.path_part}`;
    paths.set(id, full);
    return full;
  };
  const methodSettings = new Map<string, TerraformArguments>(resources(stack, "aws_api_gateway_method_settings").map(([, s]) => [s.method_path, s.settings]));
  const sameMethod = (a: TerraformArguments, b: TerraformArguments) => a.resource_id === b.resource_id && referenceIn(b.http_method)?.id === a.id;
  const routes: RestApiRoute[] = resources(stack, "aws_api_gateway_method").map(([id, method]) => {
    const methodRef = { ...method, id };
    const [, integration] = resources(stack, "aws_api_gateway_integration").find(([, i]) => sameMethod(methodRef, i)) ?? [];
    if (!integration) throw new Error(`The method ${id} has no integration`);
    const validator = referenceIn(method.request_validator_id);
    const validatorResource = validator && stack.json.resource.aws_api_gateway_request_validator[validator.id];
    const methodPath = `${pathOf(referenceIn(method.resource_id)!.id).slice(1)}/${method.http_method}`;
    const models = Object.fromEntries(
      Object.entries<string>(method.request_models ?? {}).map(([contentType, name]) => {
        const model = stack.json.resource.aws_api_gateway_model[referenceIn(name)!.id];
        return [contentType.toLowerCase(), JSON.parse(model.schema)];
      }),
    );
    return {
      path: pathOf(referenceIn(method.resource_id)!.id),
      httpMethod: method.http_method,
      models,
      validateBody: Boolean(validatorResource?.validate_request_body),
      validateParameters: Boolean(validatorResource?.validate_request_parameters),
      requiredHeaders: Object.entries<boolean>(method.request_parameters ?? {})
        .filter(([name, required]) => required && name.startsWith("method.request.header."))
        .map(([name]) => name.slice("method.request.header.".length)),
      requestTemplates: Object.fromEntries(Object.entries<string>(integration.request_templates ?? {}).map(([type, template]) => [type.toLowerCase(), template])),
      passthroughBehavior: integration.passthrough_behavior ?? "WHEN_NO_MATCH",
      contentHandling: integration.content_handling,
      queueName: integration.type === "AWS_PROXY" || s3Path(integration) ? "" : String(integration.uri).split("/").pop()!,
      ...(s3Path(integration) ? { s3: { path: s3Path(integration)!, parameters: integration.request_parameters ?? {} } } : {}),
      ...(integration.type === "AWS_PROXY" ? { proxyFunctionId: referenceIn(integration.uri)!.id } : {}),
      integrationResponses: resources(stack, "aws_api_gateway_integration_response")
        .filter(([, response]) => sameMethod(methodRef, response))
        .map(([, response]) => ({
          statusCode: response.status_code,
          selectionPattern: response.selection_pattern,
          template: response.response_templates?.["application/json"],
          contentHandling: response.content_handling,
        })),
      // A method's own settings replace the stage's (`*/*`); either throttles this method alone.
      throttle: throttleOf(methodSettings.get(methodPath) ?? methodSettings.get("*/*")),
    };
  });
  const [, stage] = only(stack, "aws_api_gateway_stage");
  const [, restApi] = only(stack, "aws_api_gateway_rest_api");
  return {
    stageName: stage.stage_name,
    binaryMediaTypes: restApi.binary_media_types ?? [],
    routes,
    gatewayResponses: Object.fromEntries(
      resources(stack, "aws_api_gateway_gateway_response").map(([, response]) => [
        response.response_type,
        { statusCode: response.status_code, template: response.response_templates?.["application/json"] },
      ]),
    ),
  };
}

/** The object path of an S3 integration's URI (`...:s3:path/<bucket>/<key>`), or nothing for another integration. */
function s3Path(integration: TerraformArguments): string | undefined {
  return integration.type === "AWS" ? /:s3:path\/(.+)$/.exec(String(integration.uri))?.[1] : undefined;
}

/** Each bucket's notified queue, by the bucket's and the queue's resource ids. */
export function describeBucketNotifications(stack: SynthesizedStack): { bucketId: string; queueId: string }[] {
  return resources(stack, "aws_s3_bucket_notification").flatMap(([, notification]) =>
    (notification.queue ?? []).map((q: TerraformArguments) => ({ bucketId: referenceIn(notification.bucket)!.id, queueId: referenceIn(q.queue_arn)!.id })),
  );
}

function throttleOf(settings: TerraformArguments | undefined): Throttle | undefined {
  return settings?.throttling_rate_limit ? { rateLimit: settings.throttling_rate_limit, burstLimit: settings.throttling_burst_limit } : undefined;
}

/** The queues, with their redrive policies. */
export function describeQueues(stack: SynthesizedStack): LocalQueueProps[] {
  return resources(stack, "aws_sqs_queue").map(([, queue]) => {
    const redrive = queue.redrive_policy ? JSON.parse(queue.redrive_policy) : undefined;
    const deadLetter = redrive && referenceIn(redrive.deadLetterTargetArn);
    return {
      name: queue.name,
      // SQS's defaults, where the resource leaves them unset.
      visibilityTimeoutSeconds: queue.visibility_timeout_seconds ?? 30,
      maxMessageSizeBytes: queue.max_message_size ?? 262_144,
      redrive: deadLetter && { deadLetterQueueName: stack.json.resource.aws_sqs_queue[deadLetter.id].name, maxReceiveCount: redrive.maxReceiveCount },
    };
  });
}

/** The pipe: its source queue, batching, and the state machine it targets. */
export function describePipe(stack: SynthesizedStack) {
  const [, pipe] = only(stack, "aws_pipes_pipe");
  const invocation = pipe.target_parameters?.step_function_state_machine_parameters?.invocation_type;
  if (invocation !== "REQUEST_RESPONSE") throw new Error(`The local twin runs a pipe whose state machine target answers (REQUEST_RESPONSE), not ${invocation}`);
  const parameters = pipe.source_parameters?.sqs_queue_parameters ?? {};
  return {
    queueName: stack.json.resource.aws_sqs_queue[referenceIn(pipe.source)!.id].name as string,
    // The pipe's SQS defaults: batches of 10, no batching window.
    batchSize: (parameters.batch_size ?? 10) as number,
    batchingWindowSeconds: (parameters.maximum_batching_window_in_seconds ?? 0) as number,
    stateMachineId: referenceIn(pipe.target)!.id,
  };
}

/** The state machine's definition, as written: its Task states name functions by reference. */
export function stateMachineDefinition(stack: SynthesizedStack, id: string): { States: Record<string, TerraformArguments> } {
  return JSON.parse(stack.json.resource.aws_sfn_state_machine[id].definition);
}

/** The id of the function a reference names. */
export function functionIdOf(reference: string): string {
  const found = referenceIn(reference);
  if (found?.type !== "aws_lambda_function") throw new Error(`${reference} is not a reference to a Lambda function of the stack`);
  return found.id;
}

/** A Lambda function: its zip (in the stack's assets), handler, environment as written, limits. */
export function describeFunction(stack: SynthesizedStack, id: string) {
  const fn = stack.json.resource.aws_lambda_function[id];
  if (fn.handler !== "index.handler") throw new Error(`The local twin runs index.handler; ${fn.function_name} has ${fn.handler}`);
  return {
    functionName: fn.function_name as string,
    zipPath: path.join(stack.dir, fn.filename),
    environment: (fn.environment?.variables ?? {}) as Record<string, string>,
    // Lambda's defaults, where the resource leaves them unset.
    timeoutSeconds: (fn.timeout ?? 3) as number,
    memoryMb: (fn.memory_size ?? 128) as number,
    // -1, Terraform's default, reserves nothing.
    reservedConcurrency: fn.reserved_concurrent_executions >= 0 ? (fn.reserved_concurrent_executions as number) : undefined,
  };
}

export function describeTables(stack: SynthesizedStack): TableResource[] {
  return resources(stack, "aws_dynamodb_table").map(([, table]) => table as TableResource);
}
