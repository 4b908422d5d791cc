import type { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
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
export function assumeRolePolicy(service: string, actingFor: ActingFor = {}): string {
  const condition = {
    ...(actingFor.sourceAccount ? { StringEquals: { "aws:SourceAccount": actingFor.sourceAccount } } : {}),
    ...(actingFor.sourceArn ? { ArnEquals: { "aws:SourceArn": actingFor.sourceArn } } : {}),
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(Object.keys(condition).length ? { Condition: condition } : {}) }],
  });
}

/**
 * Whom a service may assume a role for: this account, and where the service passes it, this one
 * resource. Without them another account's resource could have the service act with the role
 * (the confused deputy).
 */
export interface ActingFor {
  /** The account the service acts for. @default any */
  readonly sourceAccount?: string;
  /** The one resource the service acts for. @default any */
  readonly sourceArn?: string;
}

/**
 * The partition, region and account of a sibling resource's ARN, known only at apply time. Each is
 * a Terraform local, so a policy document refers to it as `${local.…}`: JSON with no quotes inside.
 */
export function arnParts(scope: Construct, arn: string): { readonly partition: string; readonly region: string; readonly account: string } {
  const made = new Map<string, string>();
  // Made when first read: a local nobody reads would only clutter the plan.
  const part = (name: string, index: number) => made.get(name) ?? made.set(name, new TerraformLocal(scope, name, Fn.element(Fn.split(":", arn), index)).asString).get(name)!;
  return {
    get partition() {
      return part("partition", 1);
    },
    get region() {
      return part("region", 3);
    },
    get account() {
      return part("account", 4);
    },
  };
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
export function sqsTlsOnlyPolicy(queueArn: string, allowed: readonly PolicyStatement[] = []): string {
  return policyDocument([
    ...allowed,
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

/** A customer-managed key of the stack: it rotates yearly, and a deleted one can be recovered for 30 days. */
export const ROTATING_KEY = { enableKeyRotation: true, deletionWindowInDays: 30 } as const;

/**
 * The key policy statement by which the account manages and uses a key through IAM, each action
 * listed rather than `kms:*`: roles then use the key only as their own policies allow.
 */
export function accountManagesKey(partition: string, account: string, options: { readonly grants?: boolean } = {}): PolicyStatement {
  return {
    Sid: "AccountManagesKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${account}:root` },
    Action: options.grants ? [...KEY_ADMINISTRATION_AND_USE, ...KEY_GRANTS].sort() : KEY_ADMINISTRATION_AND_USE,
    Resource: "*",
  };
}

/** Grants, which Lambda and DynamoDB take on a key that encrypts a function's environment or a table. */
const KEY_GRANTS = ["kms:CreateGrant", "kms:ListGrants", "kms:RetireGrant", "kms:RevokeGrant"];

/** What the account may do with a key it owns: manage it (Terraform) and encrypt and decrypt with it. */
const KEY_ADMINISTRATION_AND_USE: readonly string[] = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/**
 * Using a customer-managed key through one service only (`kms:ViaService`): a role that reads a
 * queue can decrypt its messages through SQS, and not call KMS directly with the key.
 */
export function keyUseStatement(keyArn: string, actions: readonly ("kms:Decrypt" | "kms:GenerateDataKey")[], service: "sqs" | "secretsmanager" | "s3", region: string): PolicyStatement {
  return { Effect: "Allow", Action: actions, Resource: keyArn, Condition: { StringEquals: { "kms:ViaService": `${service}.${region}.amazonaws.com` } } };
}
