import type { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { PROCESS_ENV } from "../delivery/process-settings";
import { schemeOf } from "../senders";
import { SOURCES_ENV, sourceSettings, type SourceSettings } from "../delivery/source-settings";
import { VALIDATE_ENV } from "../delivery/validate-settings";
import { toApiGatewayModel } from "../schemas/api-gateway-model";
import { payloadSchemas } from "../schemas";
import { configureBackend } from "./backend";
import { ConfigError, forwardedHeaders, idempotencyExpirySeconds, parseWebhookConfig, type WebhookConfig, type WebhookConfigInput } from "./config";
import { IdempotencyTable } from "./idempotency-table";
import { pipelineAlarms } from "./pipeline-alarms";
import { WebhookAlarms } from "./webhook-alarms";
import { WebhookDashboard } from "./webhook-dashboard";
import type { WatchedPipeline } from "./watched-pipeline";
import { checkRules } from "./rules";
import { NodejsFunction } from "./nodejs-function";
import { WebhookApi } from "./webhook-api";
import { WebhookEventBus } from "./webhook-event-bus";
import { WebhookPipe } from "./webhook-pipe";
import { WebhookQueue } from "./webhook-queue";
import { QuarantineQueue } from "./quarantine-queue";
import { WebhookStateMachine } from "./webhook-state-machine";

/**
 * One environment's whole webhook pipeline: API Gateway → SQS (+ DLQ) → EventBridge Pipe →
 * Step Functions EXPRESS ("Validate Message", then "Process Message"), with one secret per source.
 */
export class WebhookStack extends TerraformStack {
  readonly config: WebhookConfig;
  readonly api: WebhookApi;
  readonly queue: WebhookQueue;
  readonly quarantine: QuarantineQueue;
  readonly stateMachine: WebhookStateMachine;
  readonly pipe: WebhookPipe;
  readonly idempotencyTable: IdempotencyTable;
  readonly eventBus: WebhookEventBus;
  readonly alarms: WebhookAlarms;

  /** @throws ConfigError listing every problem of `config`. */
  constructor(scope: Construct, id: string, config: WebhookConfigInput) {
    super(scope, id);
    const cfg = (this.config = parseWebhookConfig(config));
    assertFitsLambdaEnvironment(cfg);
    const prefix = `${cfg.namePrefix}-${cfg.environment}`;
    configureBackend(this, cfg, id);
    new AwsProvider(this, "aws", {
      region: cfg.region,
      defaultTags: [{ tags: { ...cfg.tags, Application: cfg.namePrefix, Environment: cfg.environment, ManagedBy: "cdktf" } }],
    });

    const sources = Object.entries(cfg.sources);
    const secrets = Object.fromEntries(
      sources.map(([source]) => [
        source,
        // Only the secret's container: its value is set out of band and never enters Terraform state.
        new SecretsmanagerSecret(this, `secret-${source}`, {
          name: `${cfg.namePrefix}/${cfg.environment}/${source}`,
          description: `Signing key(s) of the ${source} webhook source`,
          recoveryWindowInDays: 7,
        }),
      ]),
    );
    const settings = sourcesSettings(cfg, (source) => secrets[source].arn);

    const functionProps = { memorySize: cfg.functions.memorySizeMb, timeout: cfg.functions.timeoutSeconds, logRetentionDays: cfg.logRetentionDays };
    this.idempotencyTable = new IdempotencyTable(this, "idempotency", { tableName: `${prefix}-idempotency` });
    this.quarantine = new QuarantineQueue(this, "quarantine", { queueName: `${prefix}-quarantine`, retentionSeconds: cfg.quarantine.retentionSeconds });
    const validate = new NodejsFunction(this, "validate", {
      ...functionProps,
      functionName: `${prefix}-validate`,
      entry: "handlers/validate.ts",
      reservedConcurrency: cfg.functions.reservedConcurrency.validate ?? undefined,
      environment: {
        [SOURCES_ENV]: JSON.stringify(settings),
        [VALIDATE_ENV.quarantineQueueUrl]: this.quarantine.queue.url,
        [VALIDATE_ENV.replayClaimsTable]: this.idempotencyTable.table.name,
        [VALIDATE_ENV.replayWindowSeconds]: String(idempotencyExpirySeconds(cfg)),
        POWERTOOLS_LOG_LEVEL: "INFO",
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(cfg),
      },
      policyStatements: [
        { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: Object.values(secrets).map((s) => s.arn) },
        this.quarantine.sendStatement,
        this.idempotencyTable.claimReplaysStatement,
      ],
    });
    this.eventBus = new WebhookEventBus(this, "events", { eventBusName: `${prefix}-events`, archiveRetentionDays: cfg.events.archiveRetentionDays });
    const processFn = new NodejsFunction(this, "process", {
      ...functionProps,
      functionName: `${prefix}-process`,
      reservedConcurrency: cfg.functions.reservedConcurrency.process ?? undefined,
      entry: "handlers/process.ts",
      environment: {
        POWERTOOLS_LOG_LEVEL: "INFO",
        [PROCESS_ENV.table]: this.idempotencyTable.table.name,
        [PROCESS_ENV.expirySeconds]: String(idempotencyExpirySeconds(cfg)),
        [PROCESS_ENV.eventBus]: this.eventBus.bus.name,
      },
      policyStatements: [this.idempotencyTable.readWriteStatement, this.eventBus.putEventsStatement],
    });

    this.stateMachine = new WebhookStateMachine(this, "state-machine", {
      stateMachineName: `${prefix}-pipeline`,
      validateFunctionArn: validate.function.arn,
      processFunctionArn: processFn.function.arn,
      timeoutSeconds: cfg.stateMachine.timeoutSeconds,
      maxConcurrency: cfg.stateMachine.maxConcurrency,
      logRetentionDays: cfg.logRetentionDays,
    });
    const queueName = `${prefix}-deliveries`;
    this.queue = new WebhookQueue(this, "queue", {
      queueName,
      maxReceiveCount: cfg.queue.maxReceiveCount,
      retentionSeconds: cfg.queue.retentionSeconds,
      deadLetterRetentionSeconds: cfg.queue.deadLetterRetentionSeconds,
      // A message must stay hidden while its execution may still be running, with margin.
      visibilityTimeoutSeconds: cfg.queue.visibilityTimeoutFactor * cfg.stateMachine.timeoutSeconds,
      maxMessageSizeBytes: cfg.queue.maxMessageSizeBytes,
    });
    this.pipe = new WebhookPipe(this, "pipe", {
      pipeName: `${prefix}-pipe`,
      queueArn: this.queue.queue.arn,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      batchSize: cfg.pipe.batchSize,
      maximumBatchingWindowSeconds: cfg.pipe.maximumBatchingWindowSeconds,
      logRetentionDays: cfg.logRetentionDays,
    });
    this.api = new WebhookApi(this, "api", {
      apiName: `${prefix}-api`,
      stageName: cfg.api.stageName,
      region: cfg.region,
      queueArn: this.queue.queue.arn,
      queueName,
      routes: sources.map(([source, sourceConfig]) => ({
        source,
        model: toApiGatewayModel(payloadSchemas[sourceConfig.schema]),
        contentTypes: sourceConfig.contentTypes,
        headers: forwardedHeaders(sourceConfig),
        requiredHeaders: schemeOf(sourceConfig.verification).headers(sourceConfig.verification),
        deliveryIdHeader: sourceConfig.deliveryIdHeader,
        throttle: sourceConfig.throttle,
      })),
      throttlingRateLimit: cfg.api.throttlingRateLimit,
      throttlingBurstLimit: cfg.api.throttlingBurstLimit,
      loggingLevel: cfg.api.loggingLevel,
      logRetentionDays: cfg.logRetentionDays,
      manageAccountCloudWatchRole: cfg.api.manageAccountCloudWatchRole,
      customDomain: cfg.api.customDomain,
    });

    const functions = { validate: validate.function.functionName, process: processFn.function.functionName };
    const watched: WatchedPipeline = {
      apiName: this.api.restApi.name,
      stageName: cfg.api.stageName,
      queueName,
      deadLetterQueueName: this.queue.deadLetterQueue.name,
      quarantineQueueName: this.quarantine.queue.name,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      functions,
      metricsNamespace: metricsNamespace(cfg),
    };
    this.alarms = new WebhookAlarms(this, "alarms", {
      namePrefix: prefix,
      accountResourceArn: this.queue.deadLetterQueue.arn,
      email: cfg.alarms.email,
      alarms: pipelineAlarms({
        ...watched,
        oldestMessageAgeSeconds: cfg.alarms.oldestMessageAgeSeconds,
        rejectedDeliveriesPerFiveMinutes: cfg.alarms.rejectedDeliveriesPerFiveMinutes,
      }),
    });
    const dashboard = new WebhookDashboard(this, "dashboard", { ...watched, dashboardName: prefix, region: cfg.region });

    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description });
    for (const [source, url] of Object.entries(this.api.endpoints)) {
      output(`endpoint-${source}`, url, `Webhook URL of the ${source} source`);
      output(`secret-arn-${source}`, secrets[source].arn, `Secret to store the ${source} source's secret(s) in`);
    }
    output("queue-url", this.queue.queue.url, "The deliveries queue");
    output("queue-arn", this.queue.queue.arn, "The deliveries queue");
    output("dead-letter-queue-url", this.queue.deadLetterQueue.url, "Where deliveries rest after maxReceiveCount receives");
    output("dead-letter-queue-arn", this.queue.deadLetterQueue.arn, "Where deliveries rest after maxReceiveCount receives");
    output("quarantine-queue-url", this.quarantine.queue.url, "Where rejected deliveries rest, with their reasons");
    output("quarantine-queue-arn", this.quarantine.queue.arn, "Where rejected deliveries rest, with their reasons");
    output("state-machine-arn", this.stateMachine.stateMachine.arn, "The validate-and-process state machine");
    output("event-bus-name", this.eventBus.bus.name, "The EventBridge bus verified deliveries are put on");
    output("idempotency-table-name", this.idempotencyTable.table.name, "Processed deliveries, by source and delivery id");
    output("alarm-topic-arn", this.alarms.topic.arn, "Subscribe to be told what needs a human");
    output("dashboard-name", dashboard.dashboard.dashboardName, "The pipeline's CloudWatch dashboard");
    output("metrics-namespace", metricsNamespace(cfg), "CloudWatch namespace of the delivery metrics");
    if (this.api.domainName) {
      new TerraformOutput(this, "api-domain-target", {
        value: { name: this.api.domainName.regionalDomainName, zoneId: this.api.domainName.regionalZoneId },
        description: "Point an alias (A) record for the custom domain at this name and hosted zone",
      });
    }

    // Synth fails on any compliance finding, including in resources a user adds to this stack.
    this.node.addValidation({ validate: () => checkRules(this.toTerraform()) });
  }
}

/** Where the validate step counts verified, rejected and retried deliveries, per source and reason. */
function metricsNamespace(cfg: WebhookConfig): string {
  return `Webhooks/${cfg.namePrefix}-${cfg.environment}`;
}

/** What the validate function is told of each source. */
function sourcesSettings(cfg: WebhookConfig, secretArn: (source: string) => string): Record<string, SourceSettings> {
  return Object.fromEntries(Object.entries(cfg.sources).map(([source, config]) => [source, sourceSettings(config, secretArn(source))]));
}

/** Lambda allows 4 KiB of environment variables (names and values) per function. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;
/** Room kept for the other variables of the validate function (queue URL, table, Powertools settings). */
const OTHER_VARIABLES_ALLOWANCE = 640;

/**
 * The sources' settings travel in one environment variable, whose size is only known once AWS has
 * named the secrets: estimate it at synth with ARNs of their final length, rather than fail deploy.
 */
function assertFitsLambdaEnvironment(cfg: WebhookConfig): void {
  const arnOf = (source: string) =>
    `arn:aws-us-gov:secretsmanager:${cfg.region}:123456789012:secret:${cfg.namePrefix}/${cfg.environment}/${source}-AbCdEf`;
  const size = SOURCES_ENV.length + JSON.stringify(sourcesSettings(cfg, arnOf)).length;
  if (size > LAMBDA_ENVIRONMENT_LIMIT - OTHER_VARIABLES_ALLOWANCE) {
    throw new ConfigError([
      `sources: the ${Object.keys(cfg.sources).length} sources' settings take about ${size} bytes of the validate ` +
        `function's environment, above the ${LAMBDA_ENVIRONMENT_LIMIT - OTHER_VARIABLES_ALLOWANCE} available: split them across stacks`,
    ]);
  }
}
