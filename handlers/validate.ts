import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DELIVERY_METRICS_SERVICE } from "../delivery/metrics";
import { countDeliveries, totalDeliveries } from "./lib/delivery-metrics";
import { quarantineQueue } from "./lib/quarantine-queue";
import { replayClaims } from "./lib/replay-claims";
import { storedBodies } from "../delivery/stored-bodies";
import { fetchFreshSecretString, fetchSecretString } from "./lib/secrets";
import { loadSourcesSettings } from "../delivery/source-settings";
import { validateBatch, type PipeRecord, type ValidateDependencies, type ValidatedItem } from "./lib/validate-batch";
import { VALIDATE_ENV } from "../delivery/validate-settings";

const logger = new Logger({ serviceName: DELIVERY_METRICS_SERVICE });
// The namespace comes from POWERTOOLS_METRICS_NAMESPACE, which the stack sets.
const metrics = new Metrics({ serviceName: DELIVERY_METRICS_SERVICE });
let dependencies: ValidateDependencies | undefined;

/** Reads the configuration once per instance; a wrong one throws, failing (and so retrying) the batch. */
function configure(env: NodeJS.ProcessEnv = process.env): ValidateDependencies {
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  return {
    sources: loadSourcesSettings(env),
    secretString: fetchSecretString,
    freshSecretString: (secretId) => fetchFreshSecretString(secretId),
    quarantine: quarantineQueue(new SQSClient({}), required(VALIDATE_ENV.quarantineQueueUrl)),
    claim: replayClaims(new DynamoDBClient({}), required(VALIDATE_ENV.replayClaimsTable), Number(required(VALIDATE_ENV.replayWindowSeconds))),
    log: (message, fields) => logger.warn(message, fields),
    readStored: storedBodies(),
    ...(env[VALIDATE_ENV.inlinePayloadBytes] ? { inlinePayloadBytes: Number(env[VALIDATE_ENV.inlinePayloadBytes]) } : {}),
  };
}

/**
 * "Validate Message": receives the pipe's whole batch and returns one verdict per record, rejected
 * deliveries already in the quarantine. A fault that is not about one record (bad settings) fails
 * the invocation, so the batch is retried.
 */
export async function handler(records: PipeRecord[]): Promise<{ items: ValidatedItem[] }> {
  dependencies ??= configure();
  const items = await validateBatch(records, dependencies);
  // One metric per source and reason, so a dashboard can tell forgeries from faults, and one
  // total per outcome (the `service` dimension alone), which alarms watch.
  const counts = countDeliveries(items);
  for (const { metric, source, reason, count } of counts) {
    const single = metrics.singleMetric();
    single.addDimensions({ source, ...(reason ? { reason } : {}) });
    single.addMetric(metric, MetricUnit.Count, count);
  }
  for (const [metric, total] of totalDeliveries(counts)) metrics.singleMetric().addMetric(metric, MetricUnit.Count, total);
  logger.info("batch validated", { records: records.length });
  return { items };
}
