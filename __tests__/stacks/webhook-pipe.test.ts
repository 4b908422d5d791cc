import { Testing } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { largestMessageFitting } from "../../stacks/invariants";
import { WebhookPipe, type WebhookPipeProps } from "../../stacks/webhook-pipe";
import { onlyResource } from "../support/synth";

const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:hooks-dev-deliveries";
const STATE_MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:hooks-dev-pipeline";
const props: WebhookPipeProps = {
  pipeName: "hooks-dev-pipe",
  queueArn: QUEUE_ARN,
  stateMachineArn: STATE_MACHINE_ARN,
  batchSize: 7,
  maximumBatchingWindowSeconds: 2,
  maxMessageSizeBytes: 4_096,
  logRetentionDays: 14,
};
const synth = Testing.synthScope((scope) => new WebhookPipe(scope, "pipe", props));

describe("WebhookPipe", () => {
  it("refuses, all at once, a batch its largest messages cannot fit and a window SQS refuses", () => {
    const build = (overrides: Partial<WebhookPipeProps>) => () => Testing.synthScope((scope) => new WebhookPipe(scope, "pipe", { ...props, ...overrides }));
    expect(build({ batchSize: 11, maximumBatchingWindowSeconds: 0, maxMessageSizeBytes: 262_144 })).toThrow(
      /^WebhookPipe:\n {2}- 262144 bytes is above the \d+ that fit a batch of 11: .*\n {2}- 0 s must be at least 1 when the batch size \(11\) exceeds 10/,
    );
    expect(build({ batchSize: 10, maxMessageSizeBytes: largestMessageFitting(10) })).not.toThrow();
    expect(build({ batchSize: 10, maxMessageSizeBytes: largestMessageFitting(10) + 1 })).toThrow(/WebhookPipe/);
  });

  it("reads the queue in explicit batches and waits for each execution's answer", () => {
    expect(synth).toHaveResourceWithProperties(PipesPipe, {
      name: "hooks-dev-pipe",
      source: QUEUE_ARN,
      target: STATE_MACHINE_ARN,
      source_parameters: { sqs_queue_parameters: { batch_size: 7, maximum_batching_window_in_seconds: 2 } },
      target_parameters: { step_function_state_machine_parameters: { invocation_type: "REQUEST_RESPONSE" } },
    });
  });

  it("logs errors to its own log group, without payloads", () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/vendedlogs/pipes/hooks-dev-pipe", retention_in_days: 14 });
    const pipe = onlyResource(synth, "aws_pipes_pipe");
    expect(pipe.log_configuration.level).toBe("ERROR");
    expect(pipe.log_configuration.include_execution_data).toBeUndefined();
  });

  it("may only consume this queue, start this state machine and write its logs", () => {
    const statements = JSON.parse(onlyResource(synth, "aws_iam_role_policy").policy).Statement;
    expect(statements).toEqual([
      { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: QUEUE_ARN },
      { Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: STATE_MACHINE_ARN },
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: expect.stringMatching(/\.arn\}:\*$/) },
    ]);
    const trust = JSON.parse(onlyResource(synth, "aws_iam_role").assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: "pipes.amazonaws.com" });
    // Pipes may assume the role for the queue's account only: no confused deputy.
    const account = /^\$\{local\.(.+)\}$/.exec(trust.Condition.StringEquals["aws:SourceAccount"])![1];
    expect(JSON.parse(synth).locals[account]).toBe(`\${element(split(":", "${QUEUE_ARN}"), 4)}`);
  });

  it("starts only after its permissions exist", () => {
    expect(onlyResource(synth, "aws_pipes_pipe").depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./)]);
  });
});
