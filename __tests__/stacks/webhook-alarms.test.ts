import { Testing } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { WebhookAlarms, type WebhookAlarmsProps } from "../../stacks/webhook-alarms";
import { onlyResource, resourcesOf } from "../support/synth";
import type { TerraformArguments } from "../../stacks/terraform-json";

const props: WebhookAlarmsProps = {
  namePrefix: "hooks-dev",
  accountResourceArn: "arn:aws:sqs:eu-west-1:123456789012:hooks-dev-deliveries-dlq",
  alarms: [
    {
      name: "dead-letter-queue-not-empty",
      description: "look",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "q" },
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 1,
      threshold: 0,
    },
  ],
};
const synthWith = (overrides: Partial<WebhookAlarmsProps> = {}) => Testing.synthScope((scope) => new WebhookAlarms(scope, "alarms", { ...props, ...overrides }));
const synth = synthWith();

describe("WebhookAlarms", () => {
  it("encrypts the topic with its own rotating key, which CloudWatch may use only for this account", () => {
    expect(synth).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    const topic = onlyResource(synth, "aws_sns_topic");
    expect(topic).toMatchObject({ name: "hooks-dev-alarms", kms_master_key_id: expect.stringContaining("aws_kms_key.") });
    const keyPolicy = JSON.parse(onlyResource(synth, "aws_kms_key").policy);
    const cloudWatch = keyPolicy.Statement.find((s: TerraformArguments) => s.Principal.Service === "cloudwatch.amazonaws.com");
    expect(cloudWatch).toMatchObject({ Action: ["kms:Decrypt", "kms:GenerateDataKey"], Condition: { StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{local\.\S+\}$/) } } });
    for (const statement of keyPolicy.Statement) for (const action of statement.Action) expect(action).not.toContain("*");
  });

  it("lets only CloudWatch publish, and only over TLS", () => {
    const statements = JSON.parse(onlyResource(synth, "aws_sns_topic_policy").policy).Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["sns:Publish"] }),
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    ]);
  });

  it("notifies the topic when an alarm fires and when it recovers, and treats no data as nothing wrong", () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "hooks-dev-dead-letter-queue-not-empty",
      namespace: "AWS/SQS",
      dimensions: { QueueName: "q" },
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      treat_missing_data: "notBreaching",
      alarm_actions: [expect.stringContaining("aws_sns_topic.")],
      ok_actions: [expect.stringContaining("aws_sns_topic.")],
    });
  });

  it("emails the alarms only when given an address", () => {
    expect(synth).not.toHaveResourceWithProperties(SnsTopicSubscription, {});
    expect(synthWith({ email: "oncall@example.com" })).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "oncall@example.com" });
    expect(Object.keys(resourcesOf(synth, "aws_kms_alias"))).toHaveLength(1);
  });
});
