/** Lambda errors worth retrying in place: the service, not our code, failed. */
const LAMBDA_TRANSIENT_ERRORS = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"];

/**
 * Retries in place. A throttled invocation (the function's reserved concurrency is taken) waits
 * longer, up to about 19 s in all, well inside an execution, before its batch goes back to the queue.
 */
const RETRY_TRANSIENT = [
  { ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 4, JitterStrategy: "FULL" },
  { ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "FULL" },
];

export interface StateMachineDefinitionProps {
  /** ARN of the function that validates the whole batch. */
  readonly validateFunctionArn: string;
  /** ARN of the function that processes one verified delivery. */
  readonly processFunctionArn: string;
  /** Whole-execution timeout, in seconds (EXPRESS: at most 300). */
  readonly timeoutSeconds: number;
  /** How many verified deliveries of a batch are processed at once. */
  readonly maxConcurrency: number;
}

/**
 * The ASL of the pipeline. Input: the pipe's batch of SQS records. Output: the partial batch
 * response `{"batchItemFailures": [{"itemIdentifier": messageId}]}` listing only real failures
 * (an empty list when there are none). Rejected deliveries (forged, malformed, replayed) are
 * already in the quarantine when "Validate Message" returns, so they are acknowledged and the pipe
 * deletes them from the queue. If "Validate Message" fails as a whole, the execution fails and the
 * pipe retries the whole batch.
 */
export function stateMachineDefinition(props: StateMachineDefinitionProps): Record<string, unknown> {
  return {
    Comment: "Validate each webhook delivery of a batch, process the genuine ones, report failures",
    TimeoutSeconds: props.timeoutSeconds,
    StartAt: "Validate Message",
    States: {
      "Validate Message": {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: props.validateFunctionArn, "Payload.$": "$" },
        ResultSelector: { "items.$": "$.Payload.items" },
        Retry: RETRY_TRANSIENT,
        Next: "Process Verified Messages",
      },
      "Process Verified Messages": {
        Type: "Map",
        ItemsPath: "$.items",
        MaxConcurrency: props.maxConcurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Route By Outcome",
          States: {
            "Route By Outcome": {
              Type: "Choice",
              Choices: [
                { Variable: "$.outcome", StringEquals: "verified", Next: "Process Message" },
                { Variable: "$.outcome", StringEquals: "rejected", Next: "Acknowledge" },
                // Not a delivery (S3's test of the payload bucket's notification).
                { Variable: "$.outcome", StringEquals: "ignored", Next: "Acknowledge" },
              ],
              // "retry", and anything this definition does not know, is retried: fail safe.
              Default: "Report Failure",
            },
            "Process Message": {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              Parameters: { FunctionName: props.processFunctionArn, "Payload.$": "$" },
              Retry: RETRY_TRANSIENT,
              Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Report Failure" }],
              Next: "Acknowledge",
            },
            Acknowledge: { Type: "Pass", Result: {}, End: true },
            "Report Failure": { Type: "Pass", Parameters: { "itemIdentifier.$": "$.messageId" }, End: true },
          },
        },
        Next: "Count Outcomes",
      },
      // Every acknowledged delivery ends as the same `{}`, so one distinct result and no failure
      // first means nothing failed. The filter below then only ever runs with a failure to find:
      // what a JsonPath filter that matches nothing yields is not something this relies on.
      "Count Outcomes": {
        Type: "Pass",
        Parameters: { "results.$": "$", "distinct.$": "States.ArrayLength(States.ArrayUnique($))" },
        Next: "Any Failures",
      },
      "Any Failures": {
        Type: "Choice",
        Choices: [
          {
            And: [
              { Variable: "$.distinct", NumericLessThanEquals: 1 },
              { Variable: "$.results[0].itemIdentifier", IsPresent: false },
            ],
            Next: "All Acknowledged",
          },
        ],
        Default: "Report Failures",
      },
      "All Acknowledged": { Type: "Pass", Result: { batchItemFailures: [] }, End: true },
      "Report Failures": { Type: "Pass", Parameters: { "batchItemFailures.$": "$.results[?(@.itemIdentifier)]" }, End: true },
    },
  };
}
