import { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { accountManagesKey, arnParts, policyDocument, ROTATING_KEY } from "./iam";
import { suppress } from "./rules";

export interface WebhookKeyProps {
  /** Alias of the key, without `alias/`. */
  readonly aliasName: string;
  /** The ARN of any resource of the stack not encrypted with this key: its partition, region and account are the key's. */
  readonly accountResourceArn: string;
  /** Let S3 encrypt the notifications this account's buckets send to the key's queues. @default false */
  readonly s3Notifies?: boolean;
}

/**
 * The customer-managed key for everything that holds a delivery or a secret at rest: the queues,
 * the quarantine, the table, the secrets, the log groups and the functions' environments. The
 * account manages and uses it through IAM (each role is granted exactly its use, through one
 * service); CloudWatch Logs may use it for this account's log groups only. It rotates yearly.
 */
export class WebhookKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: WebhookKeyProps) {
    super(scope, id);
    const { partition, region, account } = arnParts(this, props.accountResourceArn);
    this.key = new KmsKey(this, "key", {
      ...ROTATING_KEY,
      description: `Encrypts the ${props.aliasName} webhook pipeline's deliveries, secrets and logs at rest`,
      policy: policyDocument([
        accountManagesKey(partition, account, { grants: true }),
        {
          Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
          Effect: "Allow",
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
          Resource: "*",
          Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:*` } },
        },
        ...(props.s3Notifies
          ? [
              {
                Sid: "S3NotifiesThisAccountsQueues",
                Effect: "Allow" as const,
                Principal: { Service: "s3.amazonaws.com" },
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": account } },
              },
            ]
          : []),
      ]),
    });
    new KmsAlias(this, "alias", { name: `alias/${props.aliasName}`, targetKeyId: this.key.keyId });
  }
}

/**
 * Where no customer-managed key is given, a resource is encrypted with AWS's own keys, and the rule
 * asking for a customer-managed one is suppressed with that decision written down.
 */
export function explainAwsKey(resource: TerraformResource, rule: string, keyArn: string | undefined, encryptedBy: string): void {
  if (keyArn !== undefined) return;
  suppress(
    resource,
    rule,
    `Encrypted at rest by ${encryptedBy}, with no key to administer. A customer-managed key adds an audit trail and revocation of each read; ` +
      "turn it on with encryption.customerManagedKey where policy requires one.",
  );
}
