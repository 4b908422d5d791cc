import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { accountManagesKey, policyDocument, ROTATING_KEY } from "./iam";
import type { AlarmDefinition } from "./pipeline-alarms";

export interface WebhookAlarmsProps {
  /** First part of the topic's, key alias's and alarms' names. */
  readonly namePrefix: string;
  /** Any ARN in the stack's account and partition: the key policy names the account from it. */
  readonly accountResourceArn: string;
  readonly alarms: readonly AlarmDefinition[];
  /** An address to email alarms to; it must confirm the subscription. @default none */
  readonly email?: string;
}

/**
 * What wakes a human: an SNS topic, encrypted with its own KMS key (CloudWatch cannot publish to a
 * topic under the AWS-managed SNS key), optionally emailed, and one alarm per definition, each
 * notifying the topic when it fires and when it recovers.
 */
export class WebhookAlarms extends Construct {
  readonly topic: SnsTopic;
  readonly alarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: WebhookAlarmsProps) {
    super(scope, id);
    // No data source: partition and account come from an ARN, so plans work offline. Locals keep
    // the expressions' quotes out of the JSON policies, which then parse as they are synthesized.
    const arnParts = Fn.split(":", props.accountResourceArn);
    const partition = new TerraformLocal(this, "partition", Fn.element(arnParts, 1)).asString;
    const account = new TerraformLocal(this, "account-id", Fn.element(arnParts, 4)).asString;
    const key = new KmsKey(this, "key", {
      ...ROTATING_KEY,
      description: `Encrypts the ${props.namePrefix} alarm topic`,
      policy: policyDocument([
        accountManagesKey(partition, account),
        {
          Sid: "CloudWatchPublishesAlarms",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": account } },
        },
      ]),
    });
    new KmsAlias(this, "key-alias", { name: `alias/${props.namePrefix}-alarms`, targetKeyId: key.keyId });

    this.topic = new SnsTopic(this, "topic", { name: `${props.namePrefix}-alarms`, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: "CloudWatchAlarmsPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["sns:Publish"],
          Resource: this.topic.arn,
          Condition: { StringEquals: { "aws:SourceAccount": account } },
        },
        {
          Sid: "TlsOnly",
          Effect: "Deny",
          Principal: "*",
          Action: ["sns:Publish", "sns:Subscribe"],
          Resource: this.topic.arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
    });
    if (props.email) {
      new SnsTopicSubscription(this, "email", { topicArn: this.topic.arn, protocol: "email", endpoint: props.email });
    }

    this.alarms = props.alarms.map(
      (alarm) =>
        new CloudwatchMetricAlarm(this, alarm.name, {
          alarmName: `${props.namePrefix}-${alarm.name}`,
          alarmDescription: alarm.description,
          namespace: alarm.namespace,
          metricName: alarm.metricName,
          dimensions: { ...alarm.dimensions },
          statistic: alarm.statistic,
          period: alarm.periodSeconds,
          evaluationPeriods: alarm.evaluationPeriods,
          threshold: alarm.threshold,
          comparisonOperator: "GreaterThanThreshold",
          // No data means nothing happened: no requests, no failures, an empty queue.
          treatMissingData: "notBreaching",
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
        }),
    );
  }
}
