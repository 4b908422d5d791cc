import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { logWriteStatement, X_RAY_WRITE, type PolicyStatement } from "./iam";
import type { CodeSigning } from "./code-signing";
import { bundleHandler } from "./lambda-bundle";
import { logGroup } from "./log-group";
import { suppress } from "./rules";
import { ServiceRole } from "./service-role";
import { explainAwsKey } from "./webhook-key";

export interface NodejsFunctionProps {
  /** Function name; also names its role and log group. */
  readonly functionName: string;
  /** Handler source, relative to the project root; it must export `handler`. */
  readonly entry: string;
  /** Memory, in MB. */
  readonly memorySize: number;
  /** Timeout, in seconds. */
  readonly timeout: number;
  /** Days CloudWatch keeps the function's logs. */
  readonly logRetentionDays: number;
  /** Environment variables. @default {} */
  readonly environment?: Record<string, string>;
  /** What the function may do beyond writing its logs and traces. @default [] */
  readonly policyStatements?: readonly PolicyStatement[];
  /**
   * Concurrent executions reserved for the function, which are also its most: it always has them,
   * and never takes more from the account. @default none (the account's unreserved pool)
   */
  readonly reservedConcurrency?: number;
  /** Customer-managed key for the function's environment and logs. @default AWS's own keys */
  readonly kmsKeyArn?: string;
  /** Code signing: the bundle is deployed signed, and Lambda checks the signature. @default unsigned code */
  readonly codeSigning?: CodeSigning;
}

/**
 * A Node.js 22 arm64 Lambda function from a TypeScript handler: esbuild bundle in a deterministic
 * zip, its own log group with retention, active tracing, and a role allowed only what it is given.
 */
export class NodejsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: NodejsFunctionProps) {
    super(scope, id);
    const bundle = bundleHandler(props.entry);
    const code = props.codeSigning
      ? props.codeSigning.sign(this, bundle, props.functionName)
      : { filename: new TerraformAsset(this, "code", { path: bundle.zipPath, type: AssetType.FILE }).path };

    this.logGroup = logGroup(this, "logs", { name: `/aws/lambda/${props.functionName}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    this.role = new ServiceRole(this, "role", {
      roleName: `${props.functionName}-fn`,
      service: "lambda.amazonaws.com",
      statements: [logWriteStatement(this.logGroup.arn), X_RAY_WRITE, ...(props.policyStatements ?? [])],
    });

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      role: this.role.role.arn,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      ...code,
      sourceCodeHash: bundle.sourceCodeHash,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: props.environment ? { variables: props.environment } : undefined,
      kmsKeyArn: props.kmsKeyArn,
      codeSigningConfigArn: props.codeSigning?.config.arn,
      tracingConfig: { mode: "Active" },
      loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
      dependsOn: [this.logGroup],
    });
    explainAwsKey(this.function, "CKV_AWS_173", props.kmsKeyArn, "Lambda's AWS-managed key (its environment holds names and ARNs, never a secret: CKV_AWS_45)");
    if (!props.codeSigning) {
      suppress(
        this.function,
        "CKV_AWS_272",
        "Its code is built from this repository by esbuild at synth and deployed by Terraform from a hashed zip; signing adds a Signer profile and an S3 upload step. " +
          "Turn it on with codeSigning where only signed code may run.",
      );
    }
    if (props.reservedConcurrency === undefined) {
      suppress(this.function, "CKV_AWS_115", "No concurrency is reserved, as the config asks (functions.reservedConcurrency null): the account's pool is too small to set any apart.");
    }
    suppress(
      this.function,
      "CKV_AWS_116",
      "Invoked synchronously only (by Step Functions or API Gateway), so an asynchronous dead-letter queue would never receive anything: a failed delivery stays in the queue and moves to its DLQ.",
    );
    suppress(
      this.function,
      "CKV_AWS_117",
      "Reaches only AWS APIs (SQS, Secrets Manager, DynamoDB, EventBridge) over TLS with SigV4, and nothing private. A VPC would add NAT or interface endpoints, " +
        "at an hourly cost, with no isolation its IAM role does not already give.",
    );
  }
}
