import { Testing } from "cdktf";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { WebhookQueue, type WebhookQueueProps } from "../../stacks/webhook-queue";
import { resourcesOf } from "../support/synth";

const props: WebhookQueueProps = {
  queueName: "hooks-dev-deliveries",
  maxReceiveCount: 3,
  retentionSeconds: 604_800,
  deadLetterRetentionSeconds: 1_209_600,
  visibilityTimeoutSeconds: 360,
  maxMessageSizeBytes: 230_400,
};
const synth = Testing.synthScope((scope) => new WebhookQueue(scope, "queue", props));

describe("WebhookQueue", () => {
  it("refuses a dead-letter queue that would not keep messages longer than the queue", () => {
    const build = (deadLetterRetentionSeconds: number) => () =>
      Testing.synthScope((scope) => new WebhookQueue(scope, "queue", { ...props, deadLetterRetentionSeconds }));
    expect(build(props.retentionSeconds)).toThrow("WebhookQueue:\n  - 604800 s must exceed the queue's retention, 604800 s");
    expect(build(props.retentionSeconds + 1)).not.toThrow();
  });

  it("creates an encrypted queue that dead-letters after maxReceiveCount receives", () => {
    expect(synth).toHaveResourceWithProperties(SqsQueue, {
      name: "hooks-dev-deliveries",
      message_retention_seconds: 604_800,
      visibility_timeout_seconds: 360,
      max_message_size: 230_400,
      sqs_managed_sse_enabled: true,
    });
    const queue = Object.values(resourcesOf(synth, "aws_sqs_queue")).find((q) => q.name === props.queueName)!;
    expect(JSON.parse(queue.redrive_policy)).toEqual({
      deadLetterTargetArn: expect.stringMatching(/^\$\{aws_sqs_queue\.queue_dlq_\w+\.arn\}$/),
      maxReceiveCount: 3,
    });
  });

  it("keeps dead letters longer than the queue keeps messages, encrypted", () => {
    expect(synth).toHaveResourceWithProperties(SqsQueue, {
      name: "hooks-dev-deliveries-dlq",
      message_retention_seconds: 1_209_600,
      sqs_managed_sse_enabled: true,
    });
  });

  it("lets only the queue redrive from the DLQ", () => {
    expect(synth).toHaveResourceWithProperties(SqsQueueRedriveAllowPolicy, {});
    const allow = Object.values(resourcesOf(synth, "aws_sqs_queue_redrive_allow_policy"))[0];
    expect(JSON.parse(allow.redrive_allow_policy)).toEqual({
      redrivePermission: "byQueue",
      sourceQueueArns: [expect.stringMatching(/^\$\{aws_sqs_queue\.queue_(?!dlq)\w+\.arn\}$/)],
    });
  });

  it("denies every request not made over TLS, on both queues", () => {
    const policies = Object.values(resourcesOf(synth, "aws_sqs_queue_policy"));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(JSON.parse(policy.policy).Statement).toEqual([
        expect.objectContaining({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      ]);
    }
    expect(new Set(policies.map((p) => p.queue_url)).size).toBe(2);
  });
});
