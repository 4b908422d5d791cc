import { inlineBodyLimit } from "../../stacks/body-limits";
import type { WebhookConfigInput } from "../../stacks/config";
import { largestMessageFitting } from "../../stacks/invariants";

/**
 * A stack's settings with every source inline, as before bodies could be stored: for suites about
 * the inline path (mapping template → SQS), at a batch of `batchSize` (@default 1, so bodies up to
 * about 175 KiB fit). The stored path has its own suites.
 */
export function allInline(config: WebhookConfigInput, batchSize = config.pipe?.batchSize ?? 1): WebhookConfigInput {
  const maxBodyBytes = inlineBodyLimit(config.queue?.maxMessageSizeBytes ?? Math.min(262_144, largestMessageFitting(batchSize)));
  return {
    ...config,
    pipe: { ...config.pipe, batchSize },
    sources: Object.fromEntries(Object.entries(config.sources ?? {}).map(([name, source]) => [name, { ...source, maxBodyBytes }])),
  };
}
