import { dashboardBody, type WebhookDashboardProps } from "../../stacks/webhook-dashboard";
import type { TerraformArguments } from "../../stacks/terraform-json";

const props: WebhookDashboardProps = {
  dashboardName: "hooks-dev",
  region: "eu-west-1",
  apiName: "hooks-dev-api",
  stageName: "v1",
  queueName: "hooks-dev-deliveries",
  deadLetterQueueName: "hooks-dev-deliveries-dlq",
  quarantineQueueName: "hooks-dev-quarantine",
  stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:hooks-dev-pipeline",
  functions: { validate: "hooks-dev-validate", process: "hooks-dev-process" },
  metricsNamespace: "Webhooks/hooks-dev",
};

describe("the dashboard", () => {
  const widgets = JSON.parse(dashboardBody(props)).widgets;

  it("follows a delivery from the API through the queue and state machine to the DLQ and the quarantine", () => {
    expect(widgets.map((w: TerraformArguments) => w.properties.title)).toEqual([
      "1. API: requests and errors",
      "1. API: latency (p99, ms)",
      "2. Queue: in and out",
      "2. Queue: backlog",
      "3. State machine: executions",
      "3. Deliveries: verified, rejected, retried",
      "3. Functions: invocations and errors",
      "4. Dead-letter queue: deliveries waiting for a human",
      "4. Quarantine: rejected deliveries kept for release",
    ]);
    for (const widget of widgets) expect(widget.properties.region).toBe("eu-west-1");
  });

  it("lays widgets out two per row without overlap", () => {
    const cells = widgets.map((w: TerraformArguments) => `${w.x},${w.y}`);
    expect(new Set(cells).size).toBe(widgets.length);
    expect(widgets.every((w: TerraformArguments) => w.x + w.width <= 24)).toBe(true);
  });

  it("graphs the delivery metrics the validate step writes, and the resources by name", () => {
    const metrics = widgets.flatMap((w: TerraformArguments) => w.properties.metrics);
    expect(metrics).toContainEqual(["Webhooks/hooks-dev", "RejectedDeliveries", "service", "webhook-validate", { stat: "Sum" }]);
    expect(metrics).toContainEqual(["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "hooks-dev-deliveries-dlq", { stat: "Maximum" }]);
    expect(metrics).toContainEqual(["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "hooks-dev-quarantine", { stat: "Maximum" }]);
    expect(metrics).toContainEqual(["AWS/Lambda", "Errors", "FunctionName", "hooks-dev-process", { stat: "Sum" }]);
    expect(metrics).toContainEqual(["AWS/States", "ExecutionsFailed", "StateMachineArn", props.stateMachineArn, { stat: "Sum" }]);
  });
});
