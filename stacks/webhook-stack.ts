import type { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { configureBackend, REQUIRED_TERRAFORM_VERSION } from "./backend";
import { parseWebhookConfig, type WebhookConfig, type WebhookConfigInput } from "./config";
import { checkRules } from "./rules";
import type { TerraformJson } from "./terraform-json";
import { WebhookPipeline } from "./webhook-pipeline";

/**
 * One environment's stack: its state backend, its AWS provider with default tags, one
 * `WebhookPipeline`, and the outputs an operator and the tools read.
 */
export class WebhookStack extends TerraformStack {
  readonly config: WebhookConfig;
  readonly pipeline: WebhookPipeline;

  /** @throws ConfigError listing every problem of `config`. */
  constructor(scope: Construct, id: string, config: WebhookConfigInput) {
    super(scope, id);
    const cfg = (this.config = parseWebhookConfig(config));
    configureBackend(this, cfg.backend, { stackName: id, namePrefix: cfg.namePrefix, environment: cfg.environment, region: cfg.region });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    new AwsProvider(this, "aws", {
      region: cfg.region,
      defaultTags: [{ tags: { ...cfg.tags, Application: cfg.namePrefix, Environment: cfg.environment, ManagedBy: "cdktf" } }],
    });
    const { tags: _tags, backend: _backend, ...pipelineProps } = config;
    // "Default" is left out of logical ids, so the pipeline's resources keep the ids (and the state)
    // they had when they were built straight into this stack.
    const pipeline = (this.pipeline = new WebhookPipeline(this, "Default", { ...pipelineProps, checkRules: false }));

    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description });
    for (const [source, url] of Object.entries(pipeline.endpoints)) {
      output(`endpoint-${source}`, url, `Webhook URL of the ${source} source`);
      output(`secret-arn-${source}`, pipeline.secrets[source].arn, `Secret to store the ${source} source's secret(s) in`);
    }
    output("queue-url", pipeline.queue.queue.url, "The deliveries queue");
    output("queue-arn", pipeline.queue.queue.arn, "The deliveries queue");
    output("dead-letter-queue-url", pipeline.queue.deadLetterQueue.url, "Where deliveries rest after maxReceiveCount receives");
    output("dead-letter-queue-arn", pipeline.queue.deadLetterQueue.arn, "Where deliveries rest after maxReceiveCount receives");
    output("quarantine-queue-url", pipeline.quarantine.queue.url, "Where rejected deliveries rest, with their reasons");
    output("quarantine-queue-arn", pipeline.quarantine.queue.arn, "Where rejected deliveries rest, with their reasons");
    output("state-machine-arn", pipeline.stateMachine.stateMachine.arn, "The validate-and-process state machine");
    output("event-bus-name", pipeline.eventBus.bus.name, "The EventBridge bus verified deliveries are put on");
    output("idempotency-table-name", pipeline.idempotencyTable.table.name, "Processed deliveries, by source and delivery id");
    output("alarm-topic-arn", pipeline.alarms.topic.arn, "Subscribe to be told what needs a human");
    output("dashboard-name", pipeline.dashboard.dashboard.dashboardName, "The pipeline's CloudWatch dashboard");
    output("metrics-namespace", pipeline.metricsNamespace, "CloudWatch namespace of the delivery metrics");
    if (pipeline.api.domainName) {
      new TerraformOutput(this, "api-domain-target", {
        value: { name: pipeline.api.domainName.regionalDomainName, zoneId: pipeline.api.domainName.regionalZoneId },
        description: "Point an alias (A) record for the custom domain at this name and hosted zone",
      });
    }

    // Synth fails on any compliance finding, including in resources a user adds to this stack.
    this.node.addValidation({ validate: () => checkRules(this.toTerraform() as TerraformJson, cfg.policy.suppressions) });
  }
}
