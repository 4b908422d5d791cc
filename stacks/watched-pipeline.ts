/** The pipeline's parts by the names CloudWatch knows them: what the alarms and the dashboard watch. */
export interface WatchedPipeline {
  readonly apiName: string;
  readonly stageName: string;
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  /** Where rejected deliveries rest. */
  readonly quarantineQueueName: string;
  readonly stateMachineArn: string;
  /** The Lambda functions, by their role in the pipeline. */
  readonly functions: Readonly<Record<string, string>>;
  /** Namespace of the delivery metrics the validate step writes. */
  readonly metricsNamespace: string;
}
