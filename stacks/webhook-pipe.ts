import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { assumeRolePolicy, logWriteStatement, policyDocument } from "./iam";

export interface WebhookPipeProps {
  /** Name of the pipe; also names its role and log group. */
  readonly pipeName: string;
  /** ARN of the SQS queue the pipe reads. */
  readonly queueArn: string;
  /** ARN of the EXPRESS state machine the pipe starts, synchronously, per batch. */
  readonly stateMachineArn: string;
  /** Most records in one batch. */
  readonly batchSize: number;
  /** Longest wait to fill a batch, in seconds. */
  readonly maximumBatchingWindowSeconds: number;
  /** Days CloudWatch keeps the pipe's logs. */
  readonly logRetentionDays: number;
}

/**
 * The EventBridge Pipe from the queue to the state machine. REQUEST_RESPONSE makes the pipe wait
 * for the execution and read its `batchItemFailures`, so only real failures return to the queue.
 */
export class WebhookPipe extends Construct {
  readonly pipe: PipesPipe;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: WebhookPipeProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/vendedlogs/pipes/${props.pipeName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, "role", {
      name: `${props.pipeName}-pipe`,
      assumeRolePolicy: assumeRolePolicy("pipes.amazonaws.com"),
    });
    const policy = new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
          Resource: props.queueArn,
        },
        { Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: props.stateMachineArn },
        logWriteStatement(this.logGroup.arn),
      ]),
    });
    this.pipe = new PipesPipe(this, "pipe", {
      name: props.pipeName,
      roleArn: this.role.arn,
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
      dependsOn: [policy],
    });
  }
}
