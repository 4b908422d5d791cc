import { attachedTo, rule } from "./rule";

/** Old objects expire rather than pile up. */
export const s3BucketLifecycle = rule("CKV2_AWS_61", "Ensure that an S3 bucket has a lifecycle configuration", ["aws_s3_bucket"], (bucket, resource, terraform) =>
  !bucket.lifecycle_rule && attachedTo(terraform, "aws_s3_bucket_lifecycle_configuration", "bucket", resource, ["id", "bucket"]).length === 0 && "has no lifecycle configuration",
);
