import { attachedTo, rule } from "./rule";

export const s3BucketReplication = rule("CKV_AWS_144", "Ensure that S3 bucket has cross-region replication enabled", ["aws_s3_bucket"], (bucket, resource, terraform) =>
  !bucket.replication_configuration && attachedTo(terraform, "aws_s3_bucket_replication_configuration", "bucket", resource, ["id", "bucket"]).length === 0 && "is not replicated to another region",
);
