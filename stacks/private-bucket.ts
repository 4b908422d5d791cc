import type { Construct } from "constructs";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { policyDocument } from "./iam";
import { explainAwsKey } from "./webhook-key";

/**
 * What makes a bucket of the stack private: encrypted at rest (SSE-S3, or the customer-managed key
 * with a bucket key), public access blocked, and every request refused unless it is made over TLS.
 * The resources are made in `scope` (the bucket's construct), under fixed ids.
 */
export function privateBucket(scope: Construct, bucket: S3Bucket, kmsKeyArn: string | undefined): [S3BucketServerSideEncryptionConfigurationA, S3BucketPublicAccessBlock, S3BucketPolicy] {
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, "encryption", {
    bucket: bucket.id,
    rule: [
      {
        applyServerSideEncryptionByDefault: kmsKeyArn ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn } : { sseAlgorithm: "AES256" },
        bucketKeyEnabled: kmsKeyArn !== undefined,
      },
    ],
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const policy = new S3BucketPolicy(scope, "policy", {
    bucket: bucket.id,
    policy: policyDocument([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [bucket.arn, `${bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]),
  });
  explainAwsKey(bucket, "CKV_AWS_145", kmsKeyArn, "SSE-S3 (AES-256 with keys S3 owns)");
  return [encryption, publicAccessBlock, policy];
}
