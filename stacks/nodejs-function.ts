import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { logWriteStatement, X_RAY_WRITE, type PolicyStatement } from "./iam";
import { bundleHandler } from "./lambda-bundle";
import { ServiceRole } from "./service-role";

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
    const asset = new TerraformAsset(this, "code", { path: bundle.zipPath, type: AssetType.FILE });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
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
      filename: asset.path,
      sourceCodeHash: bundle.sourceCodeHash,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: props.environment ? { variables: props.environment } : undefined,
      tracingConfig: { mode: "Active" },
      loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
      dependsOn: [this.logGroup],
    });
  }
}
