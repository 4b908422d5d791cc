import { attachedTo, rule, type TerraformArguments } from "./rule";

/** Objects are encrypted with a KMS key, whose use CloudTrail records. */
export const s3BucketKmsEncryption = rule("CKV_AWS_145", "Ensure that S3 buckets are encrypted with KMS by default", ["aws_s3_bucket"], (_bucket, resource, terraform) =>
  !attachedTo(terraform, "aws_s3_bucket_server_side_encryption_configuration", "bucket", resource, ["id", "bucket"]).some((sse) =>
    [sse.rule ?? []].flat().some((r: TerraformArguments) => String(r.apply_server_side_encryption_by_default?.sse_algorithm).startsWith("aws:kms")),
  ) && "is not encrypted with KMS by default",
);
