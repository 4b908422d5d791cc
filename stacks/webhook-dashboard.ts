import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { DELIVERY_METRICS, DELIVERY_METRICS_SERVICE } from "../delivery/metrics";
import type { WatchedPipeline } from "./watched-pipeline";

export interface WebhookDashboardProps extends WatchedPipeline {
  readonly dashboardName: string;
  readonly region: string;
}

type Metric = (string | Record<string, unknown>)[];

/** One line per metric: [namespace, name, ...dimension pairs, options]. */
const metric = (namespace: string, name: string, dimensions: Readonly<Record<string, string>>, stat = "Sum"): Metric => [
  namespace,
  name,
  ...Object.entries(dimensions).flat(),
  { stat },
];

/** The pipeline on one screen, in the order a delivery travels: API, queue, state machine, DLQ. */
export function dashboardBody(props: WebhookDashboardProps): string {
  const api = { ApiName: props.apiName, Stage: props.stageName };
  const queue = { QueueName: props.queueName };
  const stateMachine = { StateMachineArn: props.stateMachineArn };
  const service = { service: DELIVERY_METRICS_SERVICE };
  const graphs: { title: string; metrics: Metric[] }[] = [
    {
      title: "1. API: requests and errors",
      metrics: [metric("AWS/ApiGateway", "Count", api), metric("AWS/ApiGateway", "4XXError", api), metric("AWS/ApiGateway", "5XXError", api)],
    },
    { title: "1. API: latency (p99, ms)", metrics: [metric("AWS/ApiGateway", "Latency", api, "p99"), metric("AWS/ApiGateway", "IntegrationLatency", api, "p99")] },
    {
      title: "2. Queue: in and out",
      metrics: [metric("AWS/SQS", "NumberOfMessagesSent", queue), metric("AWS/SQS", "NumberOfMessagesReceived", queue), metric("AWS/SQS", "NumberOfMessagesDeleted", queue)],
    },
    {
      title: "2. Queue: backlog",
      metrics: [metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", queue, "Maximum"), metric("AWS/SQS", "ApproximateAgeOfOldestMessage", queue, "Maximum")],
    },
    {
      title: "3. State machine: executions",
      metrics: ["ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut"].map((name) => metric("AWS/States", name, stateMachine)),
    },
    {
      title: "3. Deliveries: verified, rejected, retried",
      metrics: Object.values(DELIVERY_METRICS).map((name) => metric(props.metricsNamespace, name, service)),
    },
    {
      title: "3. Functions: invocations and errors",
      metrics: Object.values(props.functions).flatMap((functionName) => [
        metric("AWS/Lambda", "Invocations", { FunctionName: functionName }),
        metric("AWS/Lambda", "Errors", { FunctionName: functionName }),
      ]),
    },
    {
      title: "4. Dead-letter queue: deliveries waiting for a human",
      metrics: [metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: props.deadLetterQueueName }, "Maximum")],
    },
    {
      title: "4. Quarantine: rejected deliveries kept for release",
      metrics: [metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: props.quarantineQueueName }, "Maximum")],
    },
  ];
  const widgets = graphs.map((graph, i) => ({
    type: "metric",
    x: (i % 2) * 12,
    y: Math.floor(i / 2) * 6,
    width: 12,
    height: 6,
    properties: { title: graph.title, region: props.region, view: "timeSeries", stacked: false, period: 60, metrics: graph.metrics },
  }));
  return JSON.stringify({ widgets });
}

/** A CloudWatch dashboard of the pipeline, from requests to the DLQ. */
export class WebhookDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: WebhookDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, "dashboard", { dashboardName: props.dashboardName, dashboardBody: dashboardBody(props) });
  }
}
