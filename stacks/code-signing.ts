import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { LambdaCodeSigningConfig } from "@cdktf/provider-aws/lib/lambda-code-signing-config";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { SignerSigningJob } from "@cdktf/provider-aws/lib/signer-signing-job";
import { SignerSigningProfile } from "@cdktf/provider-aws/lib/signer-signing-profile";
import type { LambdaBundle } from "./lambda-bundle";
import { privateBucket } from "./private-bucket";
import { suppress } from "./rules";

export interface CodeSigningProps {
  /** Prefix of the signing profile's, the config's and the artifact bucket's names. */
  readonly namePrefix: string;
  /** What Lambda does with code that is not signed by the profile: refuse it, or deploy it with a warning. @default "Enforce" */
  readonly untrustedArtifactOnDeployment?: "Enforce" | "Warn";
  /** Customer-managed key of the artifact bucket. @default SSE-S3 */
  readonly kmsKeyArn?: string;
}

/** Where a signed bundle lies, for a function to deploy from. */
export interface SignedCode {
  readonly s3Bucket: string;
  readonly s3Key: string;
}

/**
 * Lambda code signing: an AWS Signer profile, a code signing config that trusts only it, and a
 * private, versioned, encrypted bucket where each bundle is uploaded, signed by a Signer job, and
 * deployed from. Lambda then refuses any code the profile did not sign.
 */
export class CodeSigning extends Construct {
  readonly profile: SignerSigningProfile;
  readonly config: LambdaCodeSigningConfig;
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: CodeSigningProps) {
    super(scope, id);
    this.profile = new SignerSigningProfile(this, "profile", {
      // Signer names allow letters, digits and underscores, and a cancelled profile's name cannot be
      // used again: a prefix lets a rebuilt pipeline get a fresh one.
      namePrefix: `${props.namePrefix.replace(/[^A-Za-z0-9]/g, "_")}_lambda_`,
      platformId: "AWSLambda-SHA384-ECDSA",
    });
    this.config = new LambdaCodeSigningConfig(this, "config", {
      description: `Only code signed by ${props.namePrefix}'s signing profile`,
      allowedPublishers: { signingProfileVersionArns: [this.profile.versionArn] },
      policies: { untrustedArtifactOnDeployment: props.untrustedArtifactOnDeployment ?? "Enforce" },
    });
    this.bucket = new S3Bucket(this, "bucket", { bucketPrefix: `${props.namePrefix}-code-`, forceDestroy: true });
    // Signer signs a given version of an object: the bucket must keep versions.
    new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
    privateBucket(this, this.bucket, props.kmsKeyArn);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [{ id: "expire-replaced-bundles", status: "Enabled", filter: [{ prefix: "" }], noncurrentVersionExpiration: [{ noncurrentDays: 30 }] }],
    });
    suppress(this.bucket, "CKV_AWS_18", "Holds only build artifacts that Terraform writes and Signer reads; CloudTrail records who did either. Server access logs would need a bucket of their own.");
    suppress(this.bucket, "CKV_AWS_144", "Its bundles are rebuilt from the repository by any synth: a copy in another region would protect nothing that cannot be rebuilt.");
  }

  /** Uploads a function's bundle, has Signer sign it, and answers where the signed copy lies. */
  sign(scope: Construct, bundle: LambdaBundle, functionName: string): SignedCode {
    const asset = new TerraformAsset(scope, "unsigned-code", { path: bundle.zipPath, type: AssetType.FILE });
    const unsigned = new S3Object(scope, "unsigned-object", {
      bucket: this.bucket.id,
      key: `unsigned/${functionName}.zip`,
      source: asset.path,
      sourceHash: bundle.sourceCodeHash,
    });
    const job = new SignerSigningJob(scope, "signing-job", {
      profileName: this.profile.name,
      source: { s3: { bucket: this.bucket.id, key: unsigned.key, version: unsigned.versionId } },
      destination: { s3: { bucket: this.bucket.id, prefix: `signed/${functionName}/` } },
      ignoreSigningJobFailure: false,
    });
    const signed = job.signedObject.get(0).s3.get(0);
    return { s3Bucket: signed.bucket, s3Key: signed.key };
  }
}
