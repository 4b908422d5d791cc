import { attachedTo, rule } from "./rule";

const BLOCKS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

/** No ACL or policy can ever make the bucket public. */
export const s3BucketPublicAccessBlock = rule("CKV2_AWS_6", "Ensure that S3 bucket has a Public Access block", ["aws_s3_bucket"], (_bucket, resource, terraform) =>
  !attachedTo(terraform, "aws_s3_bucket_public_access_block", "bucket", resource, ["id", "bucket"]).some((block) => BLOCKS.every((setting) => block[setting] === true)) &&
  "has no public access block with all four settings on",
);
