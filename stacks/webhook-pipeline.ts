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
import { bodyRoutes, idempotencyExpirySeconds, parseWebhookPipelineConfig, secretNameOf, sourcesEnvironmentValue, type DeepReadonly, type WebhookPipelineConfig, type WebhookPipelineInput } from "./config";
import { keyUseStatement, policyDocument, type PolicyStatement } from "./iam";
import type { CodeSigning } from "./code-signing";
import { IdempotencyTable } from "./idempotency-table";
import { NodejsFunction } from "./nodejs-function";
import { PayloadBucket } from "./payload-bucket";
import { PIPE_RECORD_FIELDS, STEP_FUNCTIONS_MAX_INPUT } from "./invariants";
import { pipelineAlarms } from "./pipeline-alarms";
import { QuarantineQueue } from "./quarantine-queue";
import { checkRules, suppress } from "./rules";
import type { WatchedPipeline } from "./watched-pipeline";
import { WebhookAlarms } from "./webhook-alarms";
import { publicUrlOf, WebhookApi } from "./webhook-api";
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
  private grants = 0;

  /** @throws ConfigError listing every problem of `props`. */
  constructor(scope: Construct, id: string, props: WebhookPipelineProps) {
    super(scope, id);
    const { checkRules: enforceRules = true, ...input } = props;
    const cfg = (this.config = parseWebhookPipelineConfig(input));
    const prefix = `${cfg.namePrefix}-${cfg.environment}`;
    this.metricsNamespace = `Webhooks/${prefix}`;
    const sources = Object.entries(cfg.sources);

    const routes = bodyRoutes(cfg);
    const storedSources = sources.map(([source]) => source).filter((source) => routes[source].stored);
    this.eventBus = new WebhookEventBus(this, "events", { eventBusName: `${prefix}-events`, archiveRetentionDays: cfg.events.archiveRetentionDays });
    this.key = cfg.encryption.customerManagedKey
      ? new WebhookKey(this, "key", { aliasName: prefix, accountResourceArn: this.eventBus.bus.arn, s3Notifies: storedSources.length > 0 })
      : undefined;
    const kmsKeyArn = this.key?.key.arn;
    // A stored body must outlive every message that points at it: on the queue then in the DLQ, or
    // on the queue then in the quarantine.
    this.payloadBucket =
      storedSources.length > 0
        ? new PayloadBucket(this, "payloads", {
            namePrefix: prefix,
            keepSeconds: Math.max(cfg.queue.deadLetterRetentionSeconds, cfg.queue.retentionSeconds + cfg.quarantine.retentionSeconds),
            kmsKeyArn,
          })
        : undefined;
    const payloadReads = this.payloadBucket ? [this.payloadBucket.readStatement, ...this.keyUse(["kms:Decrypt"], "s3")] : [];

    this.secrets = Object.fromEntries(
      sources.map(([source]) => {
        const secret = new SecretsmanagerSecret(this, `secret-${source}`, {
          name: secretNameOf(cfg, source),
          description: `Signing key(s) of the ${source} webhook source`,
          recoveryWindowInDays: 7,
          kmsKeyId: kmsKeyArn,
        });
        explainAwsKey(secret, "CKV_AWS_149", kmsKeyArn, "Secrets Manager's AWS-managed key (aws/secretsmanager)");
        suppress(
          secret,
          "CKV2_AWS_57",
          "The sender issues this secret (its signing key or token), so only the sender can replace it: rotation is the README's " +
            "\"Rotate a secret\" steps, with old and new values accepted together meanwhile. A rotation function could not reissue it.",
        );
        return [source, secret];
      }),
    );

    this.codeSigning = cfg.codeSigning.enabled
      ? new (shield<typeof import("./code-signing")>("./code-signing").CodeSigning)(this, "code-signing", { namePrefix: prefix, untrustedArtifactOnDeployment: cfg.codeSigning.untrustedArtifactOnDeployment, kmsKeyArn })
      : undefined;
    const functionProps = {
      memorySize: cfg.functions.memorySizeMb,
      timeout: cfg.functions.timeoutSeconds,
      logRetentionDays: cfg.logRetentionDays,
      kmsKeyArn,
      codeSigning: this.codeSigning,
    };
    this.idempotencyTable = new IdempotencyTable(this, "idempotency", { tableName: `${prefix}-idempotency`, kmsKeyArn });
    this.quarantine = new QuarantineQueue(this, "quarantine", { queueName: `${prefix}-quarantine`, retentionSeconds: cfg.quarantine.retentionSeconds, kmsKeyArn });
    const validate = new NodejsFunction(this, "validate", {
      ...functionProps,
      functionName: `${prefix}-validate`,
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
        ...payloadReads,
      ],
    });
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
      policyStatements: [this.idempotencyTable.readWriteStatement, this.eventBus.putEventsStatement, ...payloadReads],
    });

    this.stateMachine = new WebhookStateMachine(this, "state-machine", {
      stateMachineName: `${prefix}-pipeline`,
      validateFunctionArn: validate.function.arn,
      processFunctionArn: processFn.function.arn,
      timeoutSeconds: cfg.stateMachine.timeoutSeconds,
      maxConcurrency: cfg.stateMachine.maxConcurrency,
      logRetentionDays: cfg.logRetentionDays,
      kmsKeyArn,
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
      kmsKeyArn,
      senders: this.payloadBucket && ((queueArn) => [this.payloadBucket!.notificationStatement(queueArn)]),
    });
    this.payloadBucket?.notify(this.queue.queue.arn, this.queue.queuePolicy);
    this.pipe = new WebhookPipe(this, "pipe", {
      pipeName: `${prefix}-pipe`,
      queueArn: this.queue.queue.arn,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      batchSize: cfg.pipe.batchSize,
      maximumBatchingWindowSeconds: cfg.pipe.maximumBatchingWindowSeconds,
      maxMessageSizeBytes: cfg.queue.maxMessageSizeBytes,
      logRetentionDays: cfg.logRetentionDays,
      kmsKeyArn,
    });
    // Senders that need a synchronous answer before they deliver: one small function answers them.
    const handshaking = sources.filter(([, sourceConfig]) => sourceConfig.handshake);
    const handshakeFn =
      handshaking.length === 0
        ? undefined
        : new NodejsFunction(this, "handshake", {
            ...functionProps,
            functionName: `${prefix}-handshake`,
            entry: "handlers/handshake.ts",
            environment: {
              [SOURCES_ENV]: sourcesEnvironmentValue(cfg, Object.fromEntries(handshaking)),
              [HANDSHAKE_ENV.queueUrl]: this.queue.queue.url,
              ...(cfg.api.customDomain
                ? { [HANDSHAKE_ENV.publicUrls]: JSON.stringify(Object.fromEntries(handshaking.map(([source]) => [source, publicUrlOf(cfg.api.customDomain, source)]))) }
                : {}),
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
        handshake: sourceConfig.handshake ? schemeOf(sourceConfig.verification).handshake?.method : undefined,
        allowedSourceIps: sourceConfig.allowedSourceIps,
        stored: routes[source].stored,
        maxBodyBytes: routes[source].maxBodyBytes,
      })),
      payloadBucket: this.payloadBucket && { bucketName: this.payloadBucket.bucket.bucket, bucketArn: this.payloadBucket.bucket.arn, writeStatement: this.payloadBucket.writeStatement(storedSources) },
      handshakeFunction: handshakeFn && { functionName: handshakeFn.function.functionName, invokeArn: handshakeFn.function.invokeArn },
      throttlingRateLimit: cfg.api.throttlingRateLimit,
      throttlingBurstLimit: cfg.api.throttlingBurstLimit,
      loggingLevel: cfg.api.loggingLevel,
      logRetentionDays: cfg.logRetentionDays,
      manageAccountCloudWatchRole: cfg.api.manageAccountCloudWatchRole,
      customDomain: cfg.api.customDomain,
      kmsKeyArn,
    });

    const watched: WatchedPipeline = {
      apiName: this.api.restApi.name,
      stageName: cfg.api.stageName,
      queueName,
      deadLetterQueueName: this.queue.deadLetterQueue.name,
      quarantineQueueName: this.quarantine.queue.name,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      functions: { validate: validate.function.functionName, process: processFn.function.functionName },
      metricsNamespace: this.metricsNamespace,
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
    this.dashboard = new WebhookDashboard(this, "dashboard", { ...watched, dashboardName: prefix, region: cfg.region });

    if (cfg.waf.enabled) {
      const { DEFAULT_MANAGED_RULE_GROUPS, WebhookFirewall } = shield<typeof import("./webhook-firewall")>("./webhook-firewall");
      this.firewall = new WebhookFirewall(this, "firewall", {
        webAclName: prefix,
        stageArn: this.api.stage.arn,
        rateLimitPerFiveMinutes: cfg.waf.rateLimitPerFiveMinutes ?? Math.max(10, Math.round(cfg.api.throttlingRateLimit * 150)),
        // The envelope carries the body in base64: a longer body can never fit the queue.
        // Only a stored route takes more than a queue message holds.
        maxBodyBytes: storedSources.length > 0 ? API_GATEWAY_MAX_BODY_BYTES : Math.floor((cfg.queue.maxMessageSizeBytes * 3) / 4),
        managedRuleGroups: cfg.waf.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS,
        redactedHeaders: [...new Set(["authorization", "cookie", ...sources.flatMap(([, { verification }]) => schemeOf(verification).headers(verification).map((h) => h.toLowerCase()))])],
        logRetentionDays: cfg.logRetentionDays,
        kmsKeyArn,
      });
    } else {
      suppress(
        this.api.stage,
        "CKV2_AWS_29",
        "No WAF by default: per-method throttles cap what a flood costs, request validation refuses malformed requests, and the validate step refuses forgeries. " +
          "Turn on waf.enabled (about $10 a month) to block floods per source IP before they spend the throttle.",
      );
    }

    if (enforceRules) this.node.addValidation({ validate: () => this.ruleFindings() });
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
      ...(this.payloadBucket ? [this.payloadBucket.readStatement, ...this.keyUse(["kms:Decrypt"], "s3")] : []),
    ]);
  }

  /**
   * Lets `grantee` read stored deliveries' bodies (`s3:GetObject`, and the key's use through S3): an
   * event whose payload was too large for the bus carries `payloadRef` (bucket, key, size, SHA-256)
   * instead, and a consumer reads it with this. Without a stored route there is nothing to read.
   */
  grantReadPayloads(grantee: Grantee): IamRolePolicy | undefined {
    if (!this.payloadBucket) return undefined;
    return this.grant("read-payloads", grantee, [this.payloadBucket.readStatement, ...this.keyUse(["kms:Decrypt"], "s3")]);
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
    const terraform = stack.toTerraform();
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as Module;
}
