import { attachedTo, rule } from "./rule";

export const s3BucketAccessLogging = rule("CKV_AWS_18", "Ensure the S3 bucket has access logging enabled", ["aws_s3_bucket"], (bucket, resource, terraform) =>
  !bucket.logging && attachedTo(terraform, "aws_s3_bucket_logging", "bucket", resource, ["id", "bucket"]).length === 0 && "has no server access logging",
);
