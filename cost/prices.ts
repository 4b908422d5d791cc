/**
 * AWS list prices used by `npm run cost`, us-east-1, on-demand, without free tiers. Each names its
 * source; checked on the date below against the pricing pages (through copies of them: the pages
 * themselves were not reachable from the machine that wrote this). Update the date with the figures.
 */
export const PRICES_CHECKED = "2026-11-29";

export interface Price {
  /** US dollars per unit. */
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
}

/** A price in tiers: `upTo` units (per month) at `usd` each, the last tier open-ended. */
export interface TieredPrice {
  readonly tiers: readonly { readonly upTo: number; readonly usd: number }[];
  readonly unit: string;
  readonly source: string;
}

const M = 1_000_000;

export const PRICES = {
  apiGatewayRestRequest: {
    tiers: [
      { upTo: 333 * M, usd: 3.5 / M },
      { upTo: 1_000 * M, usd: 2.8 / M },
      { upTo: 20_000 * M, usd: 2.38 / M },
      { upTo: Infinity, usd: 1.51 / M },
    ],
    unit: "REST API request",
    source: "https://aws.amazon.com/api-gateway/pricing/",
  },
  sqsRequest: { usd: 0.4 / M, unit: "SQS standard request (each 64 KiB chunk of a payload)", source: "https://aws.amazon.com/sqs/pricing/" },
  pipesRequest: { usd: 0.4 / M, unit: "Pipes request (each 64 KiB chunk of a batch)", source: "https://aws.amazon.com/eventbridge/pricing/" },
  stepFunctionsExpressRequest: { usd: 1.0 / M, unit: "EXPRESS execution", source: "https://aws.amazon.com/step-functions/pricing/" },
  stepFunctionsExpressGbSecond: { usd: 0.00001667, unit: "EXPRESS GB-second (first 1,000 GB-hours; 64 MB, 100 ms steps)", source: "https://aws.amazon.com/step-functions/pricing/" },
  lambdaRequest: { usd: 0.2 / M, unit: "Lambda request", source: "https://aws.amazon.com/lambda/pricing/" },
  lambdaArmGbSecond: { usd: 0.0000133334, unit: "Lambda arm64 GB-second (first 7.5 billion)", source: "https://aws.amazon.com/lambda/pricing/" },
  dynamodbWriteRequestUnit: { usd: 0.625 / M, unit: "DynamoDB on-demand write request unit (1 KB)", source: "https://aws.amazon.com/dynamodb/pricing/on-demand/" },
  dynamodbReadRequestUnit: { usd: 0.125 / M, unit: "DynamoDB on-demand read request unit (4 KB)", source: "https://aws.amazon.com/dynamodb/pricing/on-demand/" },
  eventBridgePutEvent: { usd: 1.0 / M, unit: "custom event (each 64 KiB chunk)", source: "https://aws.amazon.com/eventbridge/pricing/" },
  eventBridgeArchiveGb: { usd: 0.1, unit: "GB of events archived", source: "https://aws.amazon.com/eventbridge/pricing/" },
  eventBridgeArchiveGbMonth: { usd: 0.023, unit: "GB-month of archive storage", source: "https://aws.amazon.com/eventbridge/pricing/" },
  cloudWatchLogsIngestGb: { usd: 0.5, unit: "GB of logs ingested (standard class)", source: "https://aws.amazon.com/cloudwatch/pricing/" },
  cloudWatchLogsGbMonth: { usd: 0.03, unit: "GB-month of logs stored", source: "https://aws.amazon.com/cloudwatch/pricing/" },
  cloudWatchMetric: { usd: 0.3, unit: "custom metric-month (first 10,000)", source: "https://aws.amazon.com/cloudwatch/pricing/" },
  cloudWatchAlarm: { usd: 0.1, unit: "standard-resolution alarm-month", source: "https://aws.amazon.com/cloudwatch/pricing/" },
  cloudWatchDashboard: { usd: 3.0, unit: "dashboard-month (beyond the first 3)", source: "https://aws.amazon.com/cloudwatch/pricing/" },
  kmsKeyMonth: { usd: 1.0, unit: "customer-managed key-month", source: "https://aws.amazon.com/kms/pricing/" },
  kmsRequest: { usd: 0.03 / 10_000, unit: "KMS request", source: "https://aws.amazon.com/kms/pricing/" },
  secretMonth: { usd: 0.4, unit: "secret-month", source: "https://aws.amazon.com/secrets-manager/pricing/" },
  secretsApiCall: { usd: 0.05 / 10_000, unit: "Secrets Manager API call", source: "https://aws.amazon.com/secrets-manager/pricing/" },
  s3PutRequest: { usd: 5.0 / M, unit: "S3 Standard PUT request", source: "https://aws.amazon.com/s3/pricing/" },
  s3GetRequest: { usd: 0.4 / M, unit: "S3 Standard GET request", source: "https://aws.amazon.com/s3/pricing/" },
  s3StandardGbMonth: { usd: 0.023, unit: "GB-month of S3 Standard storage (first 50 TB)", source: "https://aws.amazon.com/s3/pricing/" },
  wafWebAclMonth: { usd: 5.0, unit: "web ACL-month", source: "https://aws.amazon.com/waf/pricing/" },
  wafRuleMonth: { usd: 1.0, unit: "rule-month (a managed rule group counts as one)", source: "https://aws.amazon.com/waf/pricing/" },
  wafRequest: { usd: 0.6 / M, unit: "request inspected", source: "https://aws.amazon.com/waf/pricing/" },
} as const satisfies Record<string, Price | TieredPrice>;

/** What `units` cost at a tiered price, each tier's units at its own price. */
export function tieredCost(price: TieredPrice, units: number): number {
  let cost = 0;
  let below = 0;
  for (const { upTo, usd } of price.tiers) {
    const inTier = Math.max(0, Math.min(units, upTo) - below);
    cost += inTier * usd;
    below = upTo;
    if (units <= upTo) break;
  }
  return cost;
}
