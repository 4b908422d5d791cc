import { Logger } from "@aws-lambda-powertools/logger";
import { fetchSecretString } from "./lib/secrets";
import { loadSourcesSettings } from "./lib/source-settings";
import { validateBatch, type PipeRecord, type ValidatedItem } from "./lib/validate-batch";

const logger = new Logger({ serviceName: "webhook-validate" });
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
  logger.info("batch validated", {
    records: records.length,
    verified: items.filter((i) => i.outcome === "verified").length,
    rejected: items.filter((i) => i.outcome === "rejected").length,
    retry: items.filter((i) => i.outcome === "retry").length,
  });
  return { items };
}
