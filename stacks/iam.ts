/** One IAM policy statement. Actions are always listed: an Allow never carries a wildcard action. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: unknown;
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Serializes statements into a policy document (tokens inside resolve at synth). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The trust policy that lets one AWS service assume a role. */
export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** Writing to one CloudWatch log group's streams, the least a Lambda function or pipe needs. */
export function logWriteStatement(logGroupArn: string): PolicyStatement {
  return { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` };
}

/** X-Ray accepts no resource-level permissions, so these two actions go on "*". */
export const X_RAY_WRITE: PolicyStatement = {
  Effect: "Allow",
  Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
  Resource: "*",
};

/**
 * A queue policy denying every SQS action over plain HTTP. The wildcard is deliberate and safe: it
 * is a Deny, so it also covers actions SQS adds later; grants elsewhere always list their actions.
 */
export function sqsTlsOnlyPolicy(queueArn: string): string {
  return policyDocument([
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["sqs:*"],
      Resource: queueArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
