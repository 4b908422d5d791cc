import { Construct } from "constructs";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { arnParts, keyUseStatement, logWriteStatement } from "./iam";
import { assertInvariants, batchFitsProblem, batchingWindowProblem } from "./invariants";
import { logGroup } from "./log-group";
import { ServiceRole } from "./service-role";

export interface WebhookPipeProps {
  /** Name of the pipe; also names its role and log group. */
  readonly pipeName: string;
  /** ARN of the SQS queue the pipe reads. */
  readonly queueArn: string;
  /** ARN of the EXPRESS state machine the pipe starts, synchronously, per batch. */
  readonly stateMachineArn: string;
  /** Most records in one batch. */
  readonly batchSize: number;
  /** Longest wait to fill a batch, in seconds; at least 1 when `batchSize` exceeds 10. */
  readonly maximumBatchingWindowSeconds: number;
  /**
   * Largest message the queue accepts, in bytes: a full batch of them must fit one Step Functions
   * input, or the pipe would fail the batch whole on every try.
   */
  readonly maxMessageSizeBytes: number;
  /** Days CloudWatch keeps the pipe's logs. */
  readonly logRetentionDays: number;
  /** Customer-managed key of the queue and the pipe's logs. @default AWS's own keys */
  readonly kmsKeyArn?: string;
}

/**
 * The EventBridge Pipe from the queue to the state machine. REQUEST_RESPONSE makes the pipe wait
 * for the execution and read its `batchItemFailures`, so only real failures return to the queue.
 */
export class WebhookPipe extends Construct {
  readonly pipe: PipesPipe;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;

  /** @throws InvariantError when a full batch cannot fit an execution's input, or the window breaks SQS's rule. */
  constructor(scope: Construct, id: string, props: WebhookPipeProps) {
    super(scope, id);
    assertInvariants("WebhookPipe", [
      batchFitsProblem(props.batchSize, props.maxMessageSizeBytes),
      batchingWindowProblem(props.batchSize, props.maximumBatchingWindowSeconds),
    ]);
    this.logGroup = logGroup(this, "logs", { name: `/aws/vendedlogs/pipes/${props.pipeName}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    const queueArn = arnParts(this, props.queueArn);
    this.role = new ServiceRole(this, "role", {
      roleName: `${props.pipeName}-pipe`,
      service: "pipes.amazonaws.com",
      // Pipes assumes the role for this account only: the queue's.
      actingFor: { sourceAccount: queueArn.account },
      statements: [
        {
          Effect: "Allow",
          Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
          Resource: props.queueArn,
        },
        { Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: props.stateMachineArn },
        logWriteStatement(this.logGroup.arn),
        ...(props.kmsKeyArn ? [keyUseStatement(props.kmsKeyArn, ["kms:Decrypt"], "sqs", queueArn.region)] : []),
      ],
    });
    this.pipe = new PipesPipe(this, "pipe", {
      name: props.pipeName,
      roleArn: this.role.role.arn,
      source: props.queueArn,
      target: props.stateMachineArn,
      sourceParameters: {
        sqsQueueParameters: {
          batchSize: props.batchSize,
          maximumBatchingWindowInSeconds: props.maximumBatchingWindowSeconds,
        },
      },
      targetParameters: { stepFunctionStateMachineParameters: { invocationType: "REQUEST_RESPONSE" } },
      // Execution data stays out of the logs: it holds webhook payloads.
      logConfiguration: { level: "ERROR", cloudwatchLogsLogDestination: { logGroupArn: this.logGroup.arn } },
      // The pipe starts polling on creation: its permissions must be in place first.
      dependsOn: [this.role.policy],
    });
  }
}
