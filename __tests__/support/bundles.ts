import { SOURCES_ENV, type SourceSettings } from "../../delivery/source-settings";
import { VALIDATE_ENV } from "../../delivery/validate-settings";
import { HANDSHAKE_ENV } from "../../delivery/handshake-settings";
import { LocalLambdaFunction } from "../../local/lambda-function";
import type { LocalAws } from "../../local/local-aws";
import { bundleHandler } from "../../stacks/lambda-bundle";
import { LocalStateMachine, type Execution, type StatePath } from "../../local/state-machine";
import type { TerraformArguments } from "../../stacks/terraform-json";

/** A function run from its zip by the local twin's Lambda runtime, collecting what it writes. */
function zipFunction(zipPath: string, env: Record<string, string>, lines: string[]): LocalLambdaFunction {
  return new LocalLambdaFunction({
    functionName: "function",
    zipPath,
    environment: { AWS_REGION: "us-east-1", ...env },
    timeoutSeconds: 30,
    memoryMb: 256,
    concurrency: 1,
    onLog: (line) => lines.push(line),
  });
}

/**
 * Invokes a bundled handler from its zip the way Lambda does, `index.handler(event, context)`, in a
 * fresh instance with only the given environment. Returns what the handler returned, and what it
 * wrote (its logs and EMF metrics).
 */
export async function invokeZip(zipPath: string, event: unknown, env: Record<string, string>): Promise<{ result: unknown; stdout: string }> {
  const lines: string[] = [];
  const fn = zipFunction(zipPath, env, lines);
  let result: unknown;
  try {
    result = await fn.invoke(event);
  } finally {
    // Stopping the instance reads the last of what it wrote.
    await fn.stop();
  }
  return { result, stdout: lines.join("\n") };
}

/**
 * Executes a state machine definition with aws-local-stepfunctions, one execution per input, in
 * order. `tasks` maps Task state names to the zips of the Lambda functions they invoke, each run
 * as the local twin runs it, with the given environment. Each execution's states entered are in `paths`.
 */
export async function executeStateMachine(
  definition: object,
  inputs: readonly unknown[],
  tasks: Record<string, string>,
  env: Record<string, string>,
): Promise<{ executions: Execution[]; paths: StatePath[]; stdout: string }> {
  const lines: string[] = [];
  const functions = Object.fromEntries(Object.entries(tasks).map(([state, zipPath]) => [state, zipFunction(zipPath, env, lines)]));
  const machine = new LocalStateMachine(definition, Object.fromEntries(Object.entries(functions).map(([state, fn]) => [state, (payload: unknown) => fn.invoke(payload)])));
  const executions: Execution[] = [];
  const paths: StatePath[] = [];
  try {
    for (const input of inputs) {
      const path: StatePath = [];
      executions.push(await machine.execute(input, path));
      paths.push(path);
    }
  } finally {
    await Promise.all(Object.values(functions).map((fn) => fn.stop()));
  }
  return { executions, paths, stdout: lines.join("\n") };
}

/** Where the tests' validate function keeps replay claims and quarantines rejections. */
export const VALIDATE_TABLE = "webhooks-test-idempotency";
export const VALIDATE_QUARANTINE = "webhooks-test-quarantine";

/** Runs the bundled validate handler on `records`, as the stack configures it, against the local services. */
export async function invokeValidate(aws: LocalAws, sources: Record<string, SourceSettings>, records: unknown[], logLevel = "WARN") {
  const { result, stdout } = await invokeZip(bundleHandler("handlers/validate.ts").zipPath, records, {
    [SOURCES_ENV]: JSON.stringify(sources),
    [VALIDATE_ENV.quarantineQueueUrl]: aws.sqs.url(VALIDATE_QUARANTINE),
    [VALIDATE_ENV.replayClaimsTable]: VALIDATE_TABLE,
    [VALIDATE_ENV.replayWindowSeconds]: "86400",
    ...aws.env,
    POWERTOOLS_LOG_LEVEL: logLevel,
    POWERTOOLS_METRICS_NAMESPACE: "Webhooks/test",
  });
  return { items: (result as { items: { messageId: string; outcome: string; reason?: string; event?: TerraformArguments }[] }).items, stdout };
}

/** API Gateway's proxy event for a request on `/webhooks/<source>`, received now. */
export function proxyEvent(source: string, request: { method: string; query: Record<string, string>; headers: Record<string, string>; body: Buffer }, requestId: string) {
  return {
    httpMethod: request.method,
    resource: `/webhooks/${source}`,
    path: `/webhooks/${source}`,
    headers: request.headers,
    queryStringParameters: Object.keys(request.query).length ? request.query : null,
    body: request.body.toString("base64"),
    isBase64Encoded: true,
    requestContext: { requestId, requestTimeEpoch: Date.now(), path: `/v1/webhooks/${source}`, domainName: "abc123.execute-api.us-east-1.amazonaws.com", identity: { sourceIp: "203.0.113.7" } },
  };
}

/** Runs the bundled handshake function on API Gateway's proxy `event`, as the stack configures it, queueing to `queue`: its answer, and what it wrote. */
export async function invokeHandshake(aws: LocalAws, sources: Record<string, SourceSettings>, queue: string, event: unknown) {
  const { result, stdout } = await invokeZip(bundleHandler("handlers/handshake.ts").zipPath, event, {
    [SOURCES_ENV]: JSON.stringify(sources),
    [HANDSHAKE_ENV.queueUrl]: aws.sqs.url(queue),
    ...aws.env,
    POWERTOOLS_LOG_LEVEL: "ERROR",
    POWERTOOLS_METRICS_NAMESPACE: "Webhooks/test",
  });
  return { ...(result as { statusCode: number; headers: Record<string, string>; body: string }), stdout };
}
