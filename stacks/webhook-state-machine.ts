import { Construct } from "constructs";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { arnParts } from "./iam";
import { logGroup } from "./log-group";
import { suppress } from "./rules";
import { ServiceRole } from "./service-role";
import { stateMachineDefinition } from "./state-machine-definition";

export interface WebhookStateMachineProps {
  /** Name of the state machine; also names its role and log group. */
  readonly stateMachineName: string;
  /** ARN of the "Validate Message" function. */
  readonly validateFunctionArn: string;
  /** ARN of the "Process Message" function. */
  readonly processFunctionArn: string;
  /** Whole-execution timeout, in seconds (EXPRESS: at most 300). */
  readonly timeoutSeconds: number;
  /** Verified deliveries of one batch processed at once. */
  readonly maxConcurrency: number;
  /** Days CloudWatch keeps the execution logs. */
  readonly logRetentionDays: number;
  /** Customer-managed key of the execution logs. @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

/** The EXPRESS state machine that validates, then processes, each batch the pipe delivers. */
export class WebhookStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: WebhookStateMachineProps) {
    super(scope, id);
    // Vended log delivery for Step Functions wants its groups under this prefix.
    this.logGroup = logGroup(this, "logs", { name: `/aws/vendedlogs/states/${props.stateMachineName}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    // Step Functions assumes the role for this state machine only (its own guide recommends both
    // conditions); the account, partition and region are the functions' it runs.
    const { partition, region, account } = arnParts(this, props.validateFunctionArn);
    this.role = new ServiceRole(this, "role", {
      roleName: `${props.stateMachineName}-sfn`,
      service: "states.amazonaws.com",
      actingFor: { sourceAccount: account, sourceArn: `arn:${partition}:states:${region}:${account}:stateMachine:${props.stateMachineName}` },
      statements: [
        { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [props.validateFunctionArn, props.processFunctionArn] },
        {
          // Log delivery for EXPRESS workflows is configured through account-level APIs that
          // accept no resource-level permissions.
          Effect: "Allow",
          Action: [
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
          ],
          Resource: "*",
        },
        {
          Effect: "Allow",
          Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
          Resource: "*",
        },
      ],
    });
    this.stateMachine = new SfnStateMachine(this, "state-machine", {
      name: props.stateMachineName,
      type: "EXPRESS",
      roleArn: this.role.role.arn,
      definition: JSON.stringify(
        stateMachineDefinition({
          validateFunctionArn: props.validateFunctionArn,
          processFunctionArn: props.processFunctionArn,
          timeoutSeconds: props.timeoutSeconds,
          maxConcurrency: props.maxConcurrency,
        }),
      ),
      loggingConfiguration: { logDestination: `${this.logGroup.arn}:*`, includeExecutionData: false, level: "ERROR" },
      tracingConfiguration: { enabled: true },
      // Creation validates the role's logging permissions, so they must exist first.
      dependsOn: [this.role.policy],
    });
    suppress(
      this.stateMachine,
      "CKV_AWS_285",
      "Execution data would copy every delivery's payload and signature headers into CloudWatch Logs. Errors are logged without it, " +
        "and the delivery itself is kept in the queue, the DLQ or the quarantine.",
    );
  }
}
