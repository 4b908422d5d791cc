import type { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { suppress } from "./rules";
import { explainAwsKey } from "./webhook-key";

export interface LogGroupProps {
  /** The log group's name. */
  readonly name: string;
  /** Days CloudWatch keeps its logs. */
  readonly retentionDays: number;
  /** Customer-managed key for its logs. @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

/**
 * A log group of the pipeline: logs expire, and are encrypted with the pipeline's key when it has
 * one. Under a year's retention is a decision (`logRetentionDays`), and says so.
 */
export function logGroup(scope: Construct, id: string, props: LogGroupProps): CloudwatchLogGroup {
  const group = new CloudwatchLogGroup(scope, id, { name: props.name, retentionInDays: props.retentionDays, kmsKeyId: props.kmsKeyArn });
  explainAwsKey(group, "CKV_AWS_158", props.kmsKeyArn, "CloudWatch Logs' own encryption");
  if (props.retentionDays < 365) {
    suppress(
      group,
      "CKV_AWS_338",
      `Kept ${props.retentionDays} days (logRetentionDays). These logs hold request metadata and errors, never payloads or signatures; ` +
        "a delivery's own record is the queues, the quarantine and the bus archive. Set logRetentionDays to 365 or more for a year's audit trail.",
    );
  }
  return group;
}
