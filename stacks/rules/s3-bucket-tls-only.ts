import { deniesPlainHttp } from "./policy-document";
import { attachedTo, rule } from "./rule";

/** A bucket answers only over TLS: its policy denies requests with `aws:SecureTransport` false. */
export const s3BucketTlsOnly = rule("AwsSolutions-S10", "The S3 Bucket requires requests to use SSL", ["aws_s3_bucket"], (_bucket, resource, terraform) =>
  !attachedTo(terraform, "aws_s3_bucket_policy", "bucket", resource, ["id", "bucket"]).some((policy) => deniesPlainHttp(policy.policy)) && "has no bucket policy denying requests not made over TLS",
);
