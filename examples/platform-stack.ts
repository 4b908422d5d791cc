import type { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { WebhookPipeline } from "../stacks/webhook-pipeline";

/** A platform team's own stack, with its provider and resources, and a webhook pipeline inside. */
export class PlatformStack extends TerraformStack {
  readonly webhooks: WebhookPipeline;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });

    this.webhooks = new WebhookPipeline(this, "webhooks", {
      region: "eu-west-1",
      environment: "prod",
      sources: { github: { schema: "github", verification: { scheme: "github" } } },
    });

    // GitHub pushes, verified and deduplicated, go to the team's deploy queue.
    const deploys = new SqsQueue(this, "deploys", { name: "platform-deploys", sqsManagedSseEnabled: true });
    const onPush = new CloudwatchEventRule(this, "on-push", {
      name: "platform-github-push",
      eventBusName: this.webhooks.eventBus.bus.name,
      eventPattern: JSON.stringify({ source: ["webhooks.github"], "detail-type": ["push"] }),
    });
    new CloudwatchEventTarget(this, "to-deploys", { rule: onPush.name, eventBusName: onPush.eventBusName, arn: deploys.arn });
    new SqsQueuePolicy(this, "deploys-policy", {
      queueUrl: deploys.url,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: deploys.arn,
            Condition: { ArnEquals: { "aws:SourceArn": onPush.arn } },
          },
        ],
      }),
    });

    // The on-call role may redrive the DLQ and release the quarantine.
    const onCall = new IamRole(this, "on-call", {
      name: "platform-on-call",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }],
      }),
    });
    this.webhooks.grantRedrive(onCall);
  }
}
