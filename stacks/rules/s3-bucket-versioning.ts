import { attachedTo, rule } from "./rule";

/** An overwritten or deleted object can be recovered. */
export const s3BucketVersioning = rule("CKV_AWS_21", "Ensure all data stored in the S3 bucket have versioning enabled", ["aws_s3_bucket"], (bucket, resource, terraform) =>
  bucket.versioning?.enabled !== true &&
  !attachedTo(terraform, "aws_s3_bucket_versioning", "bucket", resource, ["id", "bucket"]).some((v) => v.versioning_configuration?.status === "Enabled") &&
  "does not keep versions",
);
