import { DELIVERY_METRICS_SERVICE } from "../delivery/metrics";
import type { WatchedPipeline } from "./watched-pipeline";

/** One CloudWatch alarm on one metric: breaching when the statistic over a period passes the threshold. */
export interface AlarmDefinition {
  /** Appended to the alarm names' prefix. */
  readonly name: string;
  /** What it means when it fires, and where to look first. */
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: "Sum" | "Maximum";
  /** Length of one evaluation period, in seconds. */
  readonly periodSeconds: number;
  /** Consecutive breaching periods before it fires. */
  readonly evaluationPeriods: number;
  /** It fires when the statistic is above this. */
  readonly threshold: number;
}

export interface PipelineAlarmsProps extends WatchedPipeline {
  /** Age of the oldest queued message that needs a human, in seconds. */
  readonly oldestMessageAgeSeconds: number;
  /** Rejected deliveries in five minutes that need a human (a forgery attempt, or a rotated secret). */
  readonly rejectedDeliveriesPerFiveMinutes: number;
}

const MINUTE = 60;

/** Everything about the pipeline that needs a human, from the API to the DLQ. */
export function pipelineAlarms(props: PipelineAlarmsProps): AlarmDefinition[] {
  const any = (alarm: Omit<AlarmDefinition, "statistic" | "periodSeconds" | "evaluationPeriods" | "threshold">): AlarmDefinition => ({
    ...alarm,
    statistic: "Sum",
    periodSeconds: MINUTE,
    evaluationPeriods: 1,
    threshold: 0,
  });
  return [
    {
      name: "dead-letter-queue-not-empty",
      description: "Deliveries rest in the dead-letter queue: inspect them (npm run dlq -- peek), fix the cause, redrive",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: props.deadLetterQueueName },
      statistic: "Maximum",
      periodSeconds: MINUTE,
      evaluationPeriods: 1,
      threshold: 0,
    },
    {
      name: "queue-oldest-message-age",
      description: `A delivery has waited over ${props.oldestMessageAgeSeconds} s in the queue: processing is failing or falling behind`,
      namespace: "AWS/SQS",
      metricName: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: props.queueName },
      statistic: "Maximum",
      periodSeconds: MINUTE,
      evaluationPeriods: 5,
      threshold: props.oldestMessageAgeSeconds,
    },
    any({
      name: "api-5xx",
      description: "The API answered 5xx: deliveries were not queued and senders will retry (see the access logs)",
      namespace: "AWS/ApiGateway",
      metricName: "5XXError",
      dimensions: { ApiName: props.apiName, Stage: props.stageName },
    }),
    any({
      name: "state-machine-failed",
      description: "An execution failed as a whole: its batch returns to the queue (see the state machine's logs)",
      namespace: "AWS/States",
      metricName: "ExecutionsFailed",
      dimensions: { StateMachineArn: props.stateMachineArn },
    }),
    any({
      name: "state-machine-timed-out",
      description: "An execution timed out: its batch returns to the queue; raise stateMachine.timeoutSeconds or lower pipe.batchSize",
      namespace: "AWS/States",
      metricName: "ExecutionsTimedOut",
      dimensions: { StateMachineArn: props.stateMachineArn },
    }),
    ...Object.entries(props.functions).map(([role, functionName]) =>
      any({
        name: `${role}-function-errors`,
        description: `The ${functionName} function failed: its deliveries will be retried (see its logs)`,
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: functionName },
      }),
    ),
    {
      name: "rejected-deliveries-burst",
      description:
        `Over ${props.rejectedDeliveriesPerFiveMinutes} deliveries rejected in five minutes: a forgery attempt, or a sender's ` +
        "secret that changed without the source's secret (RejectedDeliveries by source and reason tells which). They rest in the " +
        "quarantine: npm run quarantine -- peek, fix the cause, then release",
      namespace: props.metricsNamespace,
      metricName: "RejectedDeliveries",
      dimensions: { service: DELIVERY_METRICS_SERVICE },
      statistic: "Sum",
      periodSeconds: 5 * MINUTE,
      evaluationPeriods: 1,
      threshold: props.rejectedDeliveriesPerFiveMinutes,
    },
  ];
}
