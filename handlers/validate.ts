import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { countDeliveries, DELIVERY_METRICS_SERVICE, totalDeliveries } from "./lib/delivery-metrics";
import { fetchSecretString } from "./lib/secrets";
import { loadSourcesSettings } from "./lib/source-settings";
import { validateBatch, type PipeRecord, type ValidatedItem } from "./lib/validate-batch";

const logger = new Logger({ serviceName: DELIVERY_METRICS_SERVICE });
// The namespace comes from POWERTOOLS_METRICS_NAMESPACE, which the stack sets.
const metrics = new Metrics({ serviceName: DELIVERY_METRICS_SERVICE });
let sources: ReturnType<typeof loadSourcesSettings> | undefined;

/**
 * "Validate Message": receives the pipe's whole batch and returns one verdict per record. A fault
 * that is not about one record (bad settings, a crash) fails the invocation, so the batch is retried.
 */
export async function handler(records: PipeRecord[]): Promise<{ items: ValidatedItem[] }> {
  sources ??= loadSourcesSettings();
  const items = await validateBatch(records, {
    sources,
    secretString: fetchSecretString,
    log: (message, fields) => logger.warn(message, fields),
  });
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
