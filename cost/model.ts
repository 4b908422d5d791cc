import { PRICES, tieredCost } from "./prices";

/** What arrives: deliveries per second, each body's size, and the share rejected (forged, stale, malformed). */
export interface Workload {
  readonly ratePerSecond: number;
  readonly sizeKiB: number;
  /** Between 0 and 1. @default 0 */
  readonly rejectedShare?: number;
}

/** What a stack is made of, as far as its bill goes: read from the synthesized configuration by `shapeOf`. */
export interface PipelineShape {
  /** Messages per state machine execution (the pipe's batch size). */
  readonly batchSize: number;
  /** Deliveries of a batch processed at once (the Map state's MaxConcurrency). */
  readonly maxConcurrency: number;
  readonly validateMemoryMb: number;
  /** Absent where processing is no function (the reference design's Pass state). */
  readonly processMemoryMb?: number;
  /** An idempotency record per processed delivery (two writes: in progress, then done). */
  readonly idempotencyTable: boolean;
  /** A replay claim per verified delivery (two writes: taken by the validate step, committed by the process step). */
  readonly replayClaims: boolean;
  /** Verified deliveries put on an event bus, and archived there for this many days (0: no archive). */
  readonly eventBus: boolean;
  readonly archiveRetentionDays: number;
  /** Rejected deliveries sent to a quarantine queue. */
  readonly quarantine: boolean;
  /** Days the log groups keep logs; 0 when nothing is logged. */
  readonly logRetentionDays: number;
  readonly alarms: number;
  readonly dashboards: number;
  /** Custom metrics published (delivery counts by source and reason). */
  readonly customMetrics: number;
  readonly secrets: number;
  readonly customerManagedKeys: number;
  /** Rules of the web ACL, when there is one. */
  readonly wafRules?: number;
  /** The share of deliveries whose route stores the body in the payload bucket (stored sources over all sources). @default 0 */
  readonly storedShare?: number;
  /** Days a stored body is kept (the bucket's lifecycle). @default 0 */
  readonly storedKeepDays?: number;
}

/** What is not in the configuration: per-request durations and sizes, measured on the twin or stated. */
export interface Assumptions {
  /** The validate function's time per batch, plus per delivery in it, in ms. */
  readonly validateMsPerBatch: number;
  readonly validateMsPerDelivery: number;
  /** The process function's time per delivery, in ms. */
  readonly processMs: number;
  /** Step Functions' own time per execution, around the functions, in ms. */
  readonly executionOverheadMs: number;
  /** Bytes of CloudWatch logs per delivery, all functions together. */
  readonly logBytesPerDelivery: number;
  /** The envelope's bytes beyond the body's base64: headers, source, ids. */
  readonly envelopeOverheadBytes: number;
  /** An event's bytes beyond the body. */
  readonly eventOverheadBytes: number;
  /** Empty long polls of an idle queue by the pipe: pollers, each one receive per 20 s. */
  readonly idlePollers: number;
  /** The bytes of S3's notification of a stored delivery, the message queued in its place. */
  readonly storedNotificationBytes: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  validateMsPerBatch: 40,
  validateMsPerDelivery: 2,
  processMs: 40,
  executionOverheadMs: 50,
  // Measured on the twin by `npm run bench`: 908 bytes a delivery, both functions at INFO.
  logBytesPerDelivery: 900,
  envelopeOverheadBytes: 1_536,
  eventOverheadBytes: 512,
  idlePollers: 5,
  // Measured on the twin: 1,012 bytes for a key of 44 characters.
  storedNotificationBytes: 1_100,
};

/** One line of the bill: what it is, how much of it, and its monthly cost in US dollars. */
export interface CostLine {
  readonly component: string;
  readonly quantity: string;
  readonly usd: number;
}

/** AWS bills a month as 730 hours. */
export const SECONDS_PER_MONTH = 730 * 3_600;
const CHUNK = 64 * 1_024;
const STEP_FUNCTIONS_INPUT = 262_144;
const GB = 1_024 ** 3;
const chunks = (bytes: number) => Math.max(1, Math.ceil(bytes / CHUNK));
const millions = (n: number) => `${(n / 1e6).toLocaleString("en-US", { maximumFractionDigits: 2 })} M`;

/** What a month moves through the pipeline, from which each component's bill follows. */
interface Volumes {
  readonly deliveries: number;
  readonly rejected: number;
  readonly verified: number;
  /** A body's bytes. */
  readonly body: number;
  /** The share of deliveries whose bodies are stored. */
  readonly storedShare: number;
  /** A queued message's bytes, on average: an inline envelope, or a stored delivery's notification. */
  readonly envelope: number;
  readonly batches: number;
}

type Component = (shape: PipelineShape, volumes: Volumes, assumptions: Assumptions) => CostLine[];

/** The monthly bill of a pipeline of `shape` under `workload`, one line per component, in US dollars. */
export function monthlyCost(shape: PipelineShape, workload: Workload, assumptions: Assumptions = DEFAULT_ASSUMPTIONS): CostLine[] {
  const deliveries = workload.ratePerSecond * SECONDS_PER_MONTH;
  const rejected = deliveries * (workload.rejectedShare ?? 0);
  const body = workload.sizeKiB * 1_024;
  const storedShare = shape.storedShare ?? 0;
  const envelope = (1 - storedShare) * (Math.ceil((body * 4) / 3) + assumptions.envelopeOverheadBytes) + storedShare * assumptions.storedNotificationBytes;
  const volumes: Volumes = { deliveries, rejected, verified: deliveries - rejected, body, storedShare, envelope, batches: deliveries / shape.batchSize };
  const components: Component[] = [apiGateway, sqs, pipes, stepFunctions, lambda, s3, dynamoDb, eventBridge, cloudWatch, fixedMonthly];
  return components.flatMap((component) => component(shape, volumes, assumptions));
}

const line = (component: string, quantity: string, usd: number): CostLine[] => [{ component, quantity, usd }];

const apiGateway: Component = (_shape, { deliveries }) => line("API Gateway (REST)", `${millions(deliveries)} requests`, tieredCost(PRICES.apiGatewayRestRequest, deliveries));

const sqs: Component = (shape, { deliveries, rejected, storedShare, envelope, batches }, assumptions) => {
  const sends = deliveries * (1 - storedShare) * chunks(envelope) + deliveries * storedShare;
  const receives = batches * chunks(shape.batchSize * envelope);
  const deletes = batches * Math.ceil(shape.batchSize / 10);
  const quarantined = shape.quarantine ? rejected * chunks(envelope) : 0;
  const idlePolls = assumptions.idlePollers * (SECONDS_PER_MONTH / 20);
  const sqsRequests = sends + receives + deletes + quarantined + idlePolls;
  return line("SQS", `${millions(sqsRequests)} requests (64 KiB chunks; the pipe's polls included)`, sqsRequests * PRICES.sqsRequest.usd);
};

const pipes: Component = (shape, { envelope, batches }) => {
  const pipeRequests = batches * chunks(shape.batchSize * envelope);
  return line("EventBridge Pipes", `${millions(pipeRequests)} requests`, pipeRequests * PRICES.pipesRequest.usd);
};

const stepFunctions: Component = (shape, { deliveries, verified, batches }, assumptions) => {
  // Each execution validates its batch, then processes its verified deliveries maxConcurrency at a time.
  const perBatchVerified = (shape.batchSize * verified) / deliveries || 0;
  const executionMs =
    assumptions.executionOverheadMs +
    assumptions.validateMsPerBatch +
    assumptions.validateMsPerDelivery * shape.batchSize +
    (shape.processMemoryMb === undefined ? 0 : assumptions.processMs * Math.ceil(perBatchVerified / shape.maxConcurrency));
  const executionGbSeconds = batches * (Math.ceil(executionMs / 100) / 10) * (64 / 1_024);
  return line(
    "Step Functions (EXPRESS)",
    `${millions(batches)} executions, ${Math.round(executionGbSeconds).toLocaleString("en-US")} GB-s`,
    batches * PRICES.stepFunctionsExpressRequest.usd + executionGbSeconds * PRICES.stepFunctionsExpressGbSecond.usd,
  );
};

const lambda: Component = (shape, { verified, batches }, assumptions) => {
  const validateGbSeconds = batches * ((assumptions.validateMsPerBatch + assumptions.validateMsPerDelivery * shape.batchSize) / 1_000) * (shape.validateMemoryMb / 1_024);
  const processed = shape.processMemoryMb === undefined ? 0 : verified;
  const processGbSeconds = processed * (assumptions.processMs / 1_000) * ((shape.processMemoryMb ?? 0) / 1_024);
  const invocations = batches + processed;
  return line(
    "Lambda (arm64)",
    `${millions(invocations)} invocations, ${Math.round(validateGbSeconds + processGbSeconds).toLocaleString("en-US")} GB-s`,
    invocations * PRICES.lambdaRequest.usd + (validateGbSeconds + processGbSeconds) * PRICES.lambdaArmGbSecond.usd,
  );
};

const s3: Component = (shape, { deliveries, verified, body, storedShare }, assumptions) => {
  if (storedShare === 0) return [];
  const stored = deliveries * storedShare;
  // The validate step reads each stored body; the process step reads it again when the verdict
  // carried only its reference (too large for the execution) and an event can hold it.
  const perVerdict = STEP_FUNCTIONS_INPUT / shape.batchSize - 2_048;
  const reread = body > perVerdict && body + assumptions.eventOverheadBytes <= 256 * 1_024 ? verified * storedShare : 0;
  const storedGbMonth = ((stored * body) / GB) * ((shape.storedKeepDays ?? 0) / 30);
  return line(
    "S3 (stored bodies)",
    `${millions(stored)} PUTs, ${millions(stored + reread)} GETs, ${storedGbMonth.toFixed(1)} GB-month`,
    stored * PRICES.s3PutRequest.usd + (stored + reread) * PRICES.s3GetRequest.usd + storedGbMonth * PRICES.s3StandardGbMonth.usd,
  );
};

const dynamoDb: Component = (shape, { verified }) => {
  const writes = verified * ((shape.replayClaims ? 2 : 0) + (shape.idempotencyTable ? 2 : 0));
  return writes > 0 ? line("DynamoDB (on demand)", `${millions(writes)} writes`, writes * PRICES.dynamodbWriteRequestUnit.usd) : [];
};

const eventBridge: Component = (shape, { verified, body }, assumptions) => {
  if (!shape.eventBus) return [];
  const events = verified * chunks(body + assumptions.eventOverheadBytes);
  const archivedGb = shape.archiveRetentionDays > 0 ? (verified * (body + assumptions.eventOverheadBytes)) / GB : 0;
  // In a steady state the archive holds retention/30 months of events.
  const storedGb = archivedGb * (shape.archiveRetentionDays / 30);
  return line(
    "EventBridge",
    `${millions(events)} events${archivedGb ? `, ${archivedGb.toFixed(1)} GB archived a month` : ""}`,
    events * PRICES.eventBridgePutEvent.usd + archivedGb * PRICES.eventBridgeArchiveGb.usd + storedGb * PRICES.eventBridgeArchiveGbMonth.usd,
  );
};

const cloudWatch: Component = (shape, { deliveries }, assumptions) => {
  if (shape.logRetentionDays <= 0 && shape.alarms <= 0 && shape.customMetrics <= 0) return [];
  const loggedGb = shape.logRetentionDays > 0 ? (deliveries * assumptions.logBytesPerDelivery) / GB : 0;
  const storedGb = loggedGb * (shape.logRetentionDays / 30);
  return line(
    "CloudWatch",
    `${loggedGb.toFixed(1)} GB logs, ${shape.customMetrics} metrics, ${shape.alarms} alarms, ${shape.dashboards} dashboard(s)`,
    loggedGb * PRICES.cloudWatchLogsIngestGb.usd +
      storedGb * PRICES.cloudWatchLogsGbMonth.usd +
      shape.customMetrics * PRICES.cloudWatchMetric.usd +
      shape.alarms * PRICES.cloudWatchAlarm.usd +
      shape.dashboards * PRICES.cloudWatchDashboard.usd,
  );
};

/** What is billed by the month whatever the traffic (but WAF's requests): secrets, keys, the web ACL. */
const fixedMonthly: Component = (shape, { deliveries }) => [
  ...(shape.secrets > 0 ? line("Secrets Manager", `${shape.secrets} secrets`, shape.secrets * PRICES.secretMonth.usd) : []),
  ...(shape.customerManagedKeys > 0 ? line("KMS", `${shape.customerManagedKeys} keys`, shape.customerManagedKeys * PRICES.kmsKeyMonth.usd) : []),
  ...(shape.wafRules !== undefined
    ? line("AWS WAF", `1 web ACL, ${shape.wafRules} rules, ${millions(deliveries)} requests`, PRICES.wafWebAclMonth.usd + shape.wafRules * PRICES.wafRuleMonth.usd + deliveries * PRICES.wafRequest.usd)
    : []),
];

export const total = (lines: readonly CostLine[]) => lines.reduce((sum, { usd }) => sum + usd, 0);

/**
 * The design this project started from, as `../shared/anchors/reference-literal` has it: the pipe's
 * default batch of 10, one 128 MB validate function, processing as a Pass state, and no idempotency
 * table, replay claims, bus, quarantine, alarms or logs.
 */
export const REFERENCE_SHAPE: PipelineShape = {
  batchSize: 10,
  maxConcurrency: 1,
  validateMemoryMb: 128,
  idempotencyTable: false,
  replayClaims: false,
  eventBus: false,
  archiveRetentionDays: 0,
  quarantine: false,
  logRetentionDays: 0,
  alarms: 0,
  dashboards: 0,
  customMetrics: 0,
  secrets: 0,
  customerManagedKeys: 0,
};
