import { pipelineAlarms, type PipelineAlarmsProps } from "../../stacks/pipeline-alarms";

const props: PipelineAlarmsProps = {
  apiName: "hooks-dev-api",
  stageName: "v1",
  queueName: "hooks-dev-deliveries",
  deadLetterQueueName: "hooks-dev-deliveries-dlq",
  quarantineQueueName: "hooks-dev-quarantine",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:hooks-dev-pipeline",
  functions: { validate: "hooks-dev-validate", process: "hooks-dev-process" },
  metricsNamespace: "Webhooks/hooks-dev",
  oldestMessageAgeSeconds: 600,
  rejectedDeliveriesPerFiveMinutes: 7,
};

describe("pipelineAlarms", () => {
  const alarms = Object.fromEntries(pipelineAlarms(props).map((alarm) => [alarm.name, alarm]));

  it("watches everything that needs a human, from the API to the DLQ", () => {
    expect(Object.keys(alarms)).toEqual([
      "dead-letter-queue-not-empty",
      "queue-oldest-message-age",
      "api-5xx",
      "state-machine-failed",
      "state-machine-timed-out",
      "validate-function-errors",
      "process-function-errors",
      "rejected-deliveries-burst",
    ]);
  });

  it("fires on a single message in the DLQ, and on any 5xx, failed or timed-out execution, or function error", () => {
    expect(alarms["dead-letter-queue-not-empty"]).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "hooks-dev-deliveries-dlq" },
      statistic: "Maximum",
      threshold: 0,
    });
    expect(alarms["api-5xx"]).toMatchObject({ metricName: "5XXError", dimensions: { ApiName: "hooks-dev-api", Stage: "v1" }, threshold: 0 });
    expect(alarms["state-machine-timed-out"]).toMatchObject({ metricName: "ExecutionsTimedOut", dimensions: { StateMachineArn: props.stateMachineArn } });
    expect(alarms["process-function-errors"]).toMatchObject({ namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "hooks-dev-process" } });
  });

  it("takes its thresholds for age and rejections from the configuration", () => {
    expect(alarms["queue-oldest-message-age"]).toMatchObject({ metricName: "ApproximateAgeOfOldestMessage", threshold: 600, evaluationPeriods: 5 });
    expect(alarms["rejected-deliveries-burst"]).toMatchObject({
      namespace: "Webhooks/hooks-dev",
      metricName: "RejectedDeliveries",
      // The total the validate step writes with the service dimension alone.
      dimensions: { service: "webhook-validate" },
      periodSeconds: 300,
      threshold: 7,
    });
  });
});
