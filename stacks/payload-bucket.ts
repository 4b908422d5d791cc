import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import type { PolicyStatement } from "./iam";
import { privateBucket } from "./private-bucket";
import { suppress } from "./rules";

const DAY = 86_400;

export interface PayloadBucketProps {
  /** First part of the bucket's name, which S3 completes to be unique; at most 37 characters with `-body-`. */
  readonly namePrefix: string;
  /**
   * How long a stored delivery's body must be kept, in seconds: as long as its message can still be
   * on the queue, in the DLQ or in the quarantine. Objects expire the day after.
   */
  readonly keepSeconds: number;
  /** Customer-managed key of the objects. @default SSE-S3 */
  readonly kmsKeyArn?: string;
}

/**
 * Where stored deliveries' bodies rest: a private bucket (no ACLs, no public access, TLS only),
 * encrypted, unversioned (an object is written once, under the API request id), whose objects
 * expire once no message can point at them. Its notifications queue a pointer to each new object.
 */
export class PayloadBucket extends Construct {
  readonly bucket: S3Bucket;
  /** What the bucket's notifications depend on: the bucket fully set up. */
  private readonly settings: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PayloadBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucketPrefix: `${props.namePrefix}-body-` });
    const bucket = this.bucket.id;
    this.settings = [
      new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }),
      ...privateBucket(this, this.bucket, props.kmsKeyArn),
      new S3BucketLifecycleConfiguration(this, "lifecycle", {
        bucket,
        rule: [
          {
            id: "expire-when-no-message-points-here",
            status: "Enabled",
            filter: [{ prefix: "" }],
            expiration: [{ days: expiryDays(props.keepSeconds) }],
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
          },
        ],
      }),
    ];
    suppress(this.bucket, "CKV_AWS_21", "Each object is written once, under its own API request id, and never replaced: a version history would hold nothing. A delivery's integrity is checked by its entity tag and SHA-256 instead.");
    suppress(this.bucket, "CKV_AWS_18", "Only API Gateway writes here and only the pipeline's functions read, each through its own role; CloudTrail data events can record them. Server access logs would need a bucket of their own.");
    suppress(this.bucket, "CKV_AWS_144", "A stored body lives only until its delivery is processed or expires from the queues, the DLQ and the quarantine; the queues it pairs with are regional too.");
  }

  /** Allows reading the stored bodies (`s3:GetObject`). */
  get readStatement(): PolicyStatement {
    return { Effect: "Allow", Action: ["s3:GetObject"], Resource: `${this.bucket.arn}/*` };
  }

  /** Allows storing bodies of `source` (`s3:PutObject` under its prefix). */
  writeStatement(sources: readonly string[]): PolicyStatement {
    return { Effect: "Allow", Action: ["s3:PutObject"], Resource: sources.map((source) => `${this.bucket.arn}/${source}/*`) };
  }

  /** The queue policy statement that lets this bucket's notifications in. */
  notificationStatement(queueArn: string): PolicyStatement {
    return {
      Sid: "PayloadBucketNotifies",
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: ["sqs:SendMessage"],
      Resource: queueArn,
      Condition: { ArnEquals: { "aws:SourceArn": this.bucket.arn } },
    };
  }

  /** Notifies `queueArn` of every object created; S3 checks it may send there, so the queue's policy comes first. */
  notify(queueArn: string, queuePolicy: ITerraformDependable): S3BucketNotification {
    return new S3BucketNotification(this, "notification", {
      bucket: this.bucket.id,
      queue: [{ queueArn, events: ["s3:ObjectCreated:*"] }],
      dependsOn: [...this.settings, queuePolicy],
    });
  }
}

/** The lifecycle's days: whole days covering `keepSeconds`, and one more, since S3 rounds expiry to the next midnight UTC. */
export function expiryDays(keepSeconds: number): number {
  return Math.ceil(keepSeconds / DAY) + 1;
}
