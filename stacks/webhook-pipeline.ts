import { Construct } from "constructs";
import { TerraformResource, TerraformStack } from "cdktf";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { HANDSHAKE_ENV } from "../delivery/handshake-settings";
import { API_GATEWAY_MAX_BODY_BYTES } from "../delivery/stored-delivery";
import { PROCESS_ENV } from "../delivery/process-settings";
import { forwardedHeaders, SOURCES_ENV } from "../delivery/source-settings";
import { VALIDATE_ENV } from "../delivery/validate-settings";
import { schemeOf } from "../senders";
import { toApiGatewayModel } from "../schemas/api-gateway-model";
import { payloadSchemas } from "../schemas";
import { bodyRoutes, idempotencyExpirySeconds, parseWebhookPipelineConfig, secretNameOf, sourcesEnvironmentValue, type DeepReadonly, type SourceConfig, type WebhookPipelineConfig, type WebhookPipelineInput } from "./config";
import { keyUseStatement, policyDocument, type PolicyStatement } from "./iam";
import type { CodeSigning } from "./code-signing";
import { IdempotencyTable } from "./idempotency-table";
import { NodejsFunction } from "./nodejs-function";
import { PayloadBucket } from "./payload-bucket";
import { PIPE_RECORD_FIELDS, STEP_FUNCTIONS_MAX_INPUT } from "./invariants";
import { pipelineAlarms } from "./pipeline-alarms";
import { QuarantineQueue } from "./quarantine-queue";
import { checkRules, suppress } from "./rules";
import type { TerraformJson } from "./terraform-json";
import type { WatchedPipeline } from "./watched-pipeline";
import { WebhookAlarms } from "./webhook-alarms";
import { publicUrlOf, WebhookApi } from "./webhook-api";
import type { WebhookRoute } from "./webhook-route";
import { WebhookDashboard } from "./webhook-dashboard";
import { WebhookEventBus } from "./webhook-event-bus";
import type { WebhookFirewall } from "./webhook-firewall";
import { explainAwsKey, WebhookKey } from "./webhook-key";
import { WebhookPipe } from "./webhook-pipe";
import { WebhookQueue } from "./webhook-queue";
import { WebhookStateMachine } from "./webhook-state-machine";

/**
 * Settings of a `WebhookPipeline`: its sources, and the queue, pipe, state machine, functions,
 * alarms and API around them. Each field documents its unit and default; unknown keys are errors.
 */
export interface WebhookPipelineProps extends DeepReadonly<WebhookPipelineInput> {
  /**
   * Whether synth fails on a compliance finding (`stacks/rules/`) in the pipeline's own resources;
   * a stack that checks all of its resources turns this off. @default true
   */
  readonly checkRules?: boolean;
}

/** An IAM role a grant attaches an inline policy to, such as an `IamRole`. */
export interface Grantee {
  /** The role's name. */
  readonly name: string;
}

/** The two functions of the state machine's steps. */
interface PipelineFunctions {
  readonly validate: NodejsFunction;
  readonly process: NodejsFunction;
}

/**
 * The whole webhook pipeline, built into any scope with an AWS provider: API Gateway → SQS (+ DLQ)
 * → EventBridge Pipe → Step Functions EXPRESS ("Validate Message", then "Process Message") → the
 * event bus, with one secret per source, a quarantine for rejected deliveries, alarms and a dashboard.
 */
export class WebhookPipeline extends Construct {
  /** The settings, every default filled in. */
  readonly config: WebhookPipelineConfig;
  /** The bus verified deliveries are put on, as source `webhooks.<source>`: add rules to it. */
  readonly eventBus: WebhookEventBus;
  /** The customer-managed key of everything at rest, with `encryption.customerManagedKey`. @default none */
  readonly key?: WebhookKey;
  /** The deliveries queue and its dead-letter queue. */
  readonly queue: WebhookQueue;
  /** Where rejected deliveries rest, with why. */
  readonly quarantine: QuarantineQueue;
  readonly stateMachine: WebhookStateMachine;
  readonly pipe: WebhookPipe;
  /** Where stored deliveries' bodies rest, when a source's bodies may exceed a queue message. @default none */
  readonly payloadBucket?: PayloadBucket;
  /** Processed deliveries and replay claims. */
  readonly idempotencyTable: IdempotencyTable;
  /** The REST API; `endpoints` and `routes` hold each source's URL and route. */
  readonly api: WebhookApi;
  /** The alarms and the topic they notify. */
  readonly alarms: WebhookAlarms;
  /** The signing profile, config and artifact bucket, with `codeSigning.enabled`. @default none */
  readonly codeSigning?: CodeSigning;
  /** AWS WAF on the stage, with `waf.enabled`. @default none */
  readonly firewall?: WebhookFirewall;
  readonly dashboard: WebhookDashboard;
  /** Each source's Secrets Manager secret, by source name: only the container, its value is set out of band. */
  readonly secrets: Readonly<Record<string, SecretsmanagerSecret>>;
  /** The CloudWatch namespace of the delivery metrics. */
  readonly metricsNamespace: string;
  /** `<namePrefix>-<environment>`, the first part of every name. */
  private readonly prefix: string;
  private readonly bodyRoutes: ReturnType<typeof bodyRoutes>;
  private grants = 0;

  /** @throws ConfigError listing every problem of `props`. */
  constructor(scope: Construct, id: string, props: WebhookPipelineProps) {
    super(scope, id);
    const { checkRules: enforceRules = true, ...input } = props;
    this.config = parseWebhookPipelineConfig(input);
    this.prefix = `${this.config.namePrefix}-${this.config.environment}`;
    this.metricsNamespace = `Webhooks/${this.prefix}`;
    this.bodyRoutes = bodyRoutes(this.config);
    this.eventBus = new WebhookEventBus(this, "events", { eventBusName: `${this.prefix}-events`, archiveRetentionDays: this.config.events.archiveRetentionDays });
    this.key = this.createKey();
    this.payloadBucket = this.createPayloadBucket();
    this.secrets = this.createSecrets();
    this.codeSigning = this.createCodeSigning();
    this.idempotencyTable = new IdempotencyTable(this, "idempotency", { tableName: `${this.prefix}-idempotency`, kmsKeyArn: this.kmsKeyArn });
    this.quarantine = new QuarantineQueue(this, "quarantine", { queueName: `${this.prefix}-quarantine`, retentionSeconds: this.config.quarantine.retentionSeconds, kmsKeyArn: this.kmsKeyArn });
    const functions = { validate: this.createValidateFunction(), process: this.createProcessFunction() };
    this.stateMachine = this.createStateMachine(functions);
    this.queue = this.createQueue();
    this.payloadBucket?.notify(this.queue.queue.arn, this.queue.queuePolicy);
    this.pipe = this.createPipe();
    this.api = this.createApi(this.createHandshakeFunction());
    const watched = this.watched(functions);
    this.alarms = this.createAlarms(watched);
    this.dashboard = new WebhookDashboard(this, "dashboard", { ...watched, dashboardName: this.prefix, region: this.config.region });
    this.firewall = this.createFirewall();
    if (enforceRules) this.node.addValidation({ validate: () => this.ruleFindings() });
  }

  /** The customer-managed key, with `encryption.customerManagedKey`. */
  private createKey(): WebhookKey | undefined {
    if (!this.config.encryption.customerManagedKey) return undefined;
    return new WebhookKey(this, "key", { aliasName: this.prefix, accountResourceArn: this.eventBus.bus.arn, s3Notifies: this.storedSources.length > 0 });
  }

  /** The bucket of stored bodies, when a source stores them. */
  private createPayloadBucket(): PayloadBucket | undefined {
    if (this.storedSources.length === 0) return undefined;
    const { queue, quarantine } = this.config;
    return new PayloadBucket(this, "payloads", {
      namePrefix: this.prefix,
      // A stored body must outlive every message that points at it: on the queue then in the DLQ, or
      // on the queue then in the quarantine.
      keepSeconds: Math.max(queue.deadLetterRetentionSeconds, queue.retentionSeconds + quarantine.retentionSeconds),
      kmsKeyArn: this.kmsKeyArn,
    });
  }

  /** Each source's secret: the container only, its value set out of band. */
  private createSecrets(): Record<string, SecretsmanagerSecret> {
    return Object.fromEntries(
      Object.keys(this.config.sources).map((source) => {
        const secret = new SecretsmanagerSecret(this, `secret-${source}`, {
          name: secretNameOf(this.config, source),
          description: `Signing key(s) of the ${source} webhook source`,
          recoveryWindowInDays: 7,
          kmsKeyId: this.kmsKeyArn,
        });
        explainAwsKey(secret, "CKV_AWS_149", this.kmsKeyArn, "Secrets Manager's AWS-managed key (aws/secretsmanager)");
        suppress(
          secret,
          "CKV2_AWS_57",
          "The sender issues this secret (its signing key or token), so only the sender can replace it: rotation is the steps of " +
            "docs/deploy-and-plans.md \"Rotate a secret\", with old and new values accepted together meanwhile. A rotation function could not reissue it.",
        );
        return [source, secret];
      }),
    );
  }

  private createCodeSigning(): CodeSigning | undefined {
    const { enabled, untrustedArtifactOnDeployment } = this.config.codeSigning;
    if (!enabled) return undefined;
    const { CodeSigning } = shield<typeof import("./code-signing")>("./code-signing");
    return new CodeSigning(this, "code-signing", { namePrefix: this.prefix, untrustedArtifactOnDeployment, kmsKeyArn: this.kmsKeyArn });
  }

  /** What every function shares: memory, timeout, logs, key and code signing. */
  private get functionProps() {
    const { functions } = this.config;
    return { memorySize: functions.memorySizeMb, timeout: functions.timeoutSeconds, ...this.logsAndKey, codeSigning: this.codeSigning };
  }

  /** The first step: verifies each delivery, quarantines what fails, claims replays. */
  private createValidateFunction(): NodejsFunction {
    const cfg = this.config;
    return new NodejsFunction(this, "validate", {
      ...this.functionProps,
      functionName: `${this.prefix}-validate`,
      entry: "handlers/validate.ts",
      reservedConcurrency: cfg.functions.reservedConcurrency.validate ?? undefined,
      environment: {
        [SOURCES_ENV]: sourcesEnvironmentValue(cfg),
        [VALIDATE_ENV.quarantineQueueUrl]: this.quarantine.queue.url,
        [VALIDATE_ENV.replayClaimsTable]: this.idempotencyTable.table.name,
        [VALIDATE_ENV.replayWindowSeconds]: String(idempotencyExpirySeconds(cfg)),
        // A verdict's share of the execution's output, less its other fields.
        [VALIDATE_ENV.inlinePayloadBytes]: String(Math.floor(STEP_FUNCTIONS_MAX_INPUT / cfg.pipe.batchSize) - PIPE_RECORD_FIELDS),
        POWERTOOLS_LOG_LEVEL: "INFO",
        POWERTOOLS_METRICS_NAMESPACE: this.metricsNamespace,
      },
      policyStatements: [
        this.secretsStatement(["secretsmanager:GetSecretValue"]),
        ...this.keyUse(["kms:Decrypt"], "secretsmanager"),
        this.quarantine.sendStatement,
        ...this.keyUse(["kms:GenerateDataKey", "kms:Decrypt"], "sqs"),
        this.idempotencyTable.claimReplaysStatement,
        ...this.payloadReads,
      ],
    });
  }

  /** The second step: records each verified delivery once and puts it on the bus. */
  private createProcessFunction(): NodejsFunction {
    return new NodejsFunction(this, "process", {
      ...this.functionProps,
      functionName: `${this.prefix}-process`,
      reservedConcurrency: this.config.functions.reservedConcurrency.process ?? undefined,
      entry: "handlers/process.ts",
      environment: {
        POWERTOOLS_LOG_LEVEL: "INFO",
        [PROCESS_ENV.table]: this.idempotencyTable.table.name,
        [PROCESS_ENV.expirySeconds]: String(idempotencyExpirySeconds(this.config)),
        [PROCESS_ENV.eventBus]: this.eventBus.bus.name,
      },
      policyStatements: [this.idempotencyTable.readWriteStatement, this.eventBus.putEventsStatement, ...this.payloadReads],
    });
  }

  private createStateMachine(functions: PipelineFunctions): WebhookStateMachine {
    return new WebhookStateMachine(this, "state-machine", {
      stateMachineName: `${this.prefix}-pipeline`,
      validateFunctionArn: functions.validate.function.arn,
      processFunctionArn: functions.process.function.arn,
      timeoutSeconds: this.config.stateMachine.timeoutSeconds,
      maxConcurrency: this.config.stateMachine.maxConcurrency,
      ...this.logsAndKey,
    });
  }

  private createQueue(): WebhookQueue {
    const { queue, stateMachine } = this.config;
    const payloadBucket = this.payloadBucket;
    return new WebhookQueue(this, "queue", {
      queueName: this.queueName,
      maxReceiveCount: queue.maxReceiveCount,
      retentionSeconds: queue.retentionSeconds,
      deadLetterRetentionSeconds: queue.deadLetterRetentionSeconds,
      // A message must stay hidden while its execution may still be running, with margin.
      visibilityTimeoutSeconds: queue.visibilityTimeoutFactor * stateMachine.timeoutSeconds,
      maxMessageSizeBytes: queue.maxMessageSizeBytes,
      kmsKeyArn: this.kmsKeyArn,
      senders: payloadBucket && ((queueArn) => [payloadBucket.notificationStatement(queueArn)]),
    });
  }

  private createPipe(): WebhookPipe {
    return new WebhookPipe(this, "pipe", {
      pipeName: `${this.prefix}-pipe`,
      queueArn: this.queue.queue.arn,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      batchSize: this.config.pipe.batchSize,
      maximumBatchingWindowSeconds: this.config.pipe.maximumBatchingWindowSeconds,
      maxMessageSizeBytes: this.config.queue.maxMessageSizeBytes,
      ...this.logsAndKey,
    });
  }

  /** Senders that need a synchronous answer before they deliver: one small function answers them. */
  private createHandshakeFunction(): NodejsFunction | undefined {
    const handshaking = Object.entries(this.config.sources).filter(([, sourceConfig]) => sourceConfig.handshake);
    if (handshaking.length === 0) return undefined;
    const { customDomain } = this.config.api;
    return new NodejsFunction(this, "handshake", {
      ...this.functionProps,
      functionName: `${this.prefix}-handshake`,
      entry: "handlers/handshake.ts",
      environment: {
        [SOURCES_ENV]: sourcesEnvironmentValue(this.config, Object.fromEntries(handshaking)),
        [HANDSHAKE_ENV.queueUrl]: this.queue.queue.url,
        ...(customDomain ? { [HANDSHAKE_ENV.publicUrls]: JSON.stringify(Object.fromEntries(handshaking.map(([source]) => [source, publicUrlOf(customDomain, source)]))) } : {}),
        POWERTOOLS_LOG_LEVEL: "INFO",
        POWERTOOLS_METRICS_NAMESPACE: this.metricsNamespace,
      },
      policyStatements: [
        { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: handshaking.map(([source]) => this.secrets[source].arn) },
        ...this.keyUse(["kms:Decrypt"], "secretsmanager"),
        { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: this.queue.queue.arn },
        ...this.keyUse(["kms:GenerateDataKey", "kms:Decrypt"], "sqs"),
      ],
    });
  }

  private createApi(handshakeFn: NodejsFunction | undefined): WebhookApi {
    const { api, region, logRetentionDays } = this.config;
    const bucket = this.payloadBucket;
    return new WebhookApi(this, "api", {
      apiName: `${this.prefix}-api`,
      stageName: api.stageName,
      region,
      queueArn: this.queue.queue.arn,
      queueName: this.queueName,
      routes: Object.entries(this.config.sources).map(([source, sourceConfig]) => this.route(source, sourceConfig)),
      payloadBucket: bucket && { bucketName: bucket.bucket.bucket, bucketArn: bucket.bucket.arn, writeStatement: bucket.writeStatement(this.storedSources) },
      handshakeFunction: handshakeFn && { functionName: handshakeFn.function.functionName, invokeArn: handshakeFn.function.invokeArn },
      throttlingRateLimit: api.throttlingRateLimit,
      throttlingBurstLimit: api.throttlingBurstLimit,
      loggingLevel: api.loggingLevel,
      logRetentionDays,
      manageAccountCloudWatchRole: api.manageAccountCloudWatchRole,
      customDomain: api.customDomain,
      kmsKeyArn: this.kmsKeyArn,
    });
  }

  /** A source's route: its model, headers, throttle, handshake, allowlist and way in. */
  private route(source: string, sourceConfig: SourceConfig): WebhookRoute {
    const scheme = schemeOf(sourceConfig.verification);
    return {
      source,
      model: toApiGatewayModel(payloadSchemas[sourceConfig.schema]),
      contentTypes: sourceConfig.contentTypes,
      headers: forwardedHeaders(sourceConfig),
      requiredHeaders: scheme.headers(sourceConfig.verification),
      deliveryIdHeader: sourceConfig.deliveryIdHeader,
      throttle: sourceConfig.throttle,
      handshake: sourceConfig.handshake ? scheme.handshake?.method : undefined,
      allowedSourceIps: sourceConfig.allowedSourceIps,
      stored: this.bodyRoutes[source].stored,
      maxBodyBytes: this.bodyRoutes[source].maxBodyBytes,
    };
  }

  /** What the alarms and the dashboard watch. */
  private watched(functions: PipelineFunctions): WatchedPipeline {
    return {
      apiName: this.api.restApi.name,
      stageName: this.config.api.stageName,
      queueName: this.queueName,
      deadLetterQueueName: this.queue.deadLetterQueue.name,
      quarantineQueueName: this.quarantine.queue.name,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      functions: { validate: functions.validate.function.functionName, process: functions.process.function.functionName },
      metricsNamespace: this.metricsNamespace,
    };
  }

  private createAlarms(watched: WatchedPipeline): WebhookAlarms {
    const { alarms } = this.config;
    return new WebhookAlarms(this, "alarms", {
      namePrefix: this.prefix,
      accountResourceArn: this.queue.deadLetterQueue.arn,
      email: alarms.email,
      alarms: pipelineAlarms({ ...watched, oldestMessageAgeSeconds: alarms.oldestMessageAgeSeconds, rejectedDeliveriesPerFiveMinutes: alarms.rejectedDeliveriesPerFiveMinutes }),
    });
  }

  /** AWS WAF on the stage, with `waf.enabled`; without it, the reason none is there. */
  private createFirewall(): WebhookFirewall | undefined {
    const cfg = this.config;
    if (!cfg.waf.enabled) {
      suppress(
        this.api.stage,
        "CKV2_AWS_29",
        "No WAF by default: per-method throttles cap what a flood costs, request validation refuses malformed requests, and the validate step refuses forgeries. " +
          "Turn on waf.enabled (about $10 a month) to block floods per source IP before they spend the throttle.",
      );
      return undefined;
    }
    const { DEFAULT_MANAGED_RULE_GROUPS, WebhookFirewall } = shield<typeof import("./webhook-firewall")>("./webhook-firewall");
    const signatureHeaders = Object.values(cfg.sources).flatMap(({ verification }) => schemeOf(verification).headers(verification).map((h) => h.toLowerCase()));
    return new WebhookFirewall(this, "firewall", {
      webAclName: this.prefix,
      stageArn: this.api.stage.arn,
      rateLimitPerFiveMinutes: cfg.waf.rateLimitPerFiveMinutes ?? Math.max(10, Math.round(cfg.api.throttlingRateLimit * 150)),
      // The envelope carries the body in base64: a longer body can never fit the queue.
      // Only a stored route takes more than a queue message holds.
      maxBodyBytes: this.storedSources.length > 0 ? API_GATEWAY_MAX_BODY_BYTES : Math.floor((cfg.queue.maxMessageSizeBytes * 3) / 4),
      managedRuleGroups: cfg.waf.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS,
      redactedHeaders: [...new Set(["authorization", "cookie", ...signatureHeaders])],
      ...this.logsAndKey,
    });
  }

  /** What every part with logs shares: their retention, and the key of everything at rest. */
  private get logsAndKey(): { readonly logRetentionDays: number; readonly kmsKeyArn?: string } {
    return { logRetentionDays: this.config.logRetentionDays, kmsKeyArn: this.kmsKeyArn };
  }

  private get kmsKeyArn(): string | undefined {
    return this.key?.key.arn;
  }

  private get queueName(): string {
    return `${this.prefix}-deliveries`;
  }

  /** The sources whose bodies are stored in the payload bucket. */
  private get storedSources(): string[] {
    return Object.keys(this.config.sources).filter((source) => this.bodyRoutes[source].stored);
  }

  /** Reading stored bodies, for the functions that do. */
  private get payloadReads(): PolicyStatement[] {
    return this.payloadBucket ? [this.payloadBucket.readStatement, ...this.keyUse(["kms:Decrypt"], "s3")] : [];
  }

  /** Each source's webhook URL, by source name: what its sender is given. */
  get endpoints(): Readonly<Record<string, string>> {
    return this.api.endpoints;
  }

  /** Each source's route (its API resource and POST method), by source name. */
  get routes(): WebhookApi["routes"] {
    return this.api.routes;
  }

  /** Lets `grantee` put events on the pipeline's bus (`events:PutEvents`), as a verified delivery is. */
  grantPutEvents(grantee: Grantee): IamRolePolicy {
    return this.grant("put-events", grantee, [this.eventBus.putEventsStatement]);
  }

  /**
   * Lets `grantee` do what `npm run dlq` and `npm run quarantine` do: look into the dead-letter queue
   * and the quarantine (and read the stored bodies their messages point at), and move their messages
   * back to the deliveries queue.
   */
  grantRedrive(grantee: Grantee): IamRolePolicy {
    const held = [this.queue.deadLetterQueue.arn, this.quarantine.queue.arn];
    return this.grant("redrive", grantee, [
      {
        Effect: "Allow",
        Action: [
          "sqs:ReceiveMessage",
          "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueAttributes",
          "sqs:StartMessageMoveTask",
          "sqs:ListMessageMoveTasks",
        ],
        Resource: held,
      },
      { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:GetQueueAttributes"], Resource: this.queue.queue.arn },
      ...this.keyUse(["kms:GenerateDataKey", "kms:Decrypt"], "sqs"),
      // `peek` reads a stored delivery's body where its message holds only the pointer.
      ...this.payloadReads,
    ]);
  }

  /**
   * Lets `grantee` read stored deliveries' bodies (`s3:GetObject`, and the key's use through S3): an
   * event whose payload was too large for the bus carries `payloadRef` (bucket, key, size, SHA-256)
   * instead, and a consumer reads it with this. Without a stored route there is nothing to read.
   */
  grantReadPayloads(grantee: Grantee): IamRolePolicy | undefined {
    if (!this.payloadBucket) return undefined;
    return this.grant("read-payloads", grantee, this.payloadReads);
  }

  /** Lets `grantee` store the sources' secrets (`secretsmanager:PutSecretValue`), as a rotation does. */
  grantPutSecretValues(grantee: Grantee): IamRolePolicy {
    return this.grant("put-secret-values", grantee, [this.secretsStatement(["secretsmanager:PutSecretValue"]), ...this.keyUse(["kms:GenerateDataKey", "kms:Decrypt"], "secretsmanager")]);
  }

  /** Using the customer-managed key through one service, when there is one. */
  private keyUse(actions: Parameters<typeof keyUseStatement>[1], service: Parameters<typeof keyUseStatement>[2]): PolicyStatement[] {
    return this.key ? [keyUseStatement(this.key.key.arn, actions, service, this.config.region)] : [];
  }

  private secretsStatement(actions: string[]): PolicyStatement {
    return { Effect: "Allow", Action: actions, Resource: Object.values(this.secrets).map((secret) => secret.arn) };
  }

  private grant(what: string, grantee: Grantee, statements: PolicyStatement[]): IamRolePolicy {
    const n = ++this.grants;
    return new IamRolePolicy(this, `grant-${what}-${n}`, { name: `${this.config.namePrefix}-${this.config.environment}-${what}-${n}`, role: grantee.name, policy: policyDocument(statements) });
  }

  /** The compliance findings in this pipeline's own resources; others in its stack are the stack's business. */
  private ruleFindings(): string[] {
    const stack = TerraformStack.of(this);
    const own = new Set(
      this.node
        .findAll()
        .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
        .map((resource) => `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`),
    );
    const terraform = stack.toTerraform() as TerraformJson;
    const resource = Object.fromEntries(
      Object.entries(terraform.resource ?? {}).map(([type, byName]) => [
        type,
        Object.fromEntries(Object.entries(byName as Record<string, Record<string, unknown>>).filter(([name]) => own.has(`${type}.${name}`))),
      ]),
    );
    return checkRules({ resource }, this.config.policy.suppressions);
  }
}

/**
 * A shield's module, loaded only when the shield is on: their provider bindings (AWS WAF's alone is
 * 0.8 MB) would otherwise slow every synth of a stack that has none.
 */
function shield<Module>(path: "./code-signing" | "./webhook-firewall"): Module {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand and synchronously: a construct cannot await an import.
  return require(path) as Module;
}
