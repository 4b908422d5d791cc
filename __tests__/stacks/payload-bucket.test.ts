import { Testing } from "cdktf";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { bodyRoutes, parseWebhookConfig } from "../../stacks/config";
import { expiryDays, PayloadBucket } from "../../stacks/payload-bucket";
import { WebhookQueue } from "../../stacks/webhook-queue";
import { WebhookStack } from "../../stacks/webhook-stack";
import { onlyResource, resourcesOf } from "../support/synth";

const DAY = 86_400;

/** A bucket notifying a queue whose policy lets it, as the pipeline wires them. */
const synth = (kmsKeyArn?: string) =>
  Testing.synthScope((scope) => {
    const bucket = new PayloadBucket(scope, "payloads", { namePrefix: "hooks-dev", keepSeconds: 21 * DAY, kmsKeyArn });
    const queue = new WebhookQueue(scope, "queue", {
      queueName: "hooks-dev-deliveries",
      maxReceiveCount: 3,
      retentionSeconds: 7 * DAY,
      deadLetterRetentionSeconds: 14 * DAY,
      visibilityTimeoutSeconds: 360,
      maxMessageSizeBytes: 12_083,
      senders: (queueArn) => [bucket.notificationStatement(queueArn)],
    });
    bucket.notify(queue.queue.arn, queue.queuePolicy);
  });

describe("PayloadBucket", () => {
  const plain = synth();

  it("is private: owner-enforced, public access blocked, TLS only", () => {
    expect(onlyResource(plain, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(onlyResource(plain, "aws_s3_bucket_public_access_block")).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const policy = JSON.parse(onlyResource(plain, "aws_s3_bucket_policy").policy);
    expect(policy.Statement).toEqual([expect.objectContaining({ Effect: "Deny", Action: ["s3:*"], Condition: { Bool: { "aws:SecureTransport": "false" } } })]);
    // Unversioned: each object is written once.
    expect(resourcesOf(plain, "aws_s3_bucket_versioning")).toEqual({});
    expect(onlyResource(plain, "aws_s3_bucket").force_destroy).toBeUndefined();
  });

  it("keeps a body until no message can point at it, a day more since S3 expires at midnight", () => {
    const rule = onlyResource(plain, "aws_s3_bucket_lifecycle_configuration").rule[0];
    expect(rule).toMatchObject({ status: "Enabled", expiration: [{ days: 22 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] });
    expect([expiryDays(1), expiryDays(DAY), expiryDays(DAY + 1), expiryDays(14 * DAY)]).toEqual([2, 2, 3, 15]);
  });

  it("keeps the pipeline's bodies as long as its longest holder: the DLQ, or the queue then the quarantine", () => {
    const days = (input: object) => {
      const stack = Testing.synth(new WebhookStack(Testing.app(), "keep", { sources: { repo: { verification: { scheme: "github" } } }, ...input }));
      return onlyResource(stack, "aws_s3_bucket_lifecycle_configuration").rule[0].expiration[0].days;
    };
    expect(days({})).toBe(7 + 14 + 1);
    expect(days({ queue: { retentionSeconds: DAY, deadLetterRetentionSeconds: 14 * DAY }, quarantine: { retentionSeconds: 2 * DAY } })).toBe(14 + 1);
  });

  it("encrypts with SSE-S3, or with the stack's key", () => {
    const sse = (synthesized: string) => onlyResource(synthesized, "aws_s3_bucket_server_side_encryption_configuration").rule[0];
    expect(sse(plain)).toEqual({ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: false });
    expect(sse(synth("arn:aws:kms:us-east-1:123456789012:key/k"))).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "arn:aws:kms:us-east-1:123456789012:key/k" },
      bucket_key_enabled: true,
    });
  });

  it("notifies the queue of every object created, after the queue's policy lets this bucket, and only it, send", () => {
    const notification = onlyResource(plain, "aws_s3_bucket_notification");
    expect(notification.queue).toEqual([{ queue_arn: expect.stringMatching(/^\$\{aws_sqs_queue\.queue_\w+\.arn\}$/), events: ["s3:ObjectCreated:*"] }]);
    expect(notification.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_sqs_queue_policy\.queue_queue-policy_/)]));
    const queuePolicy = Object.values(resourcesOf(plain, "aws_sqs_queue_policy")).find((p) => !String(p.queue_url).includes("dlq"))!;
    const allow = JSON.parse(queuePolicy.policy).Statement.find((s: { Sid?: string }) => s.Sid === "PayloadBucketNotifies");
    expect(allow).toMatchObject({ Principal: { Service: "s3.amazonaws.com" }, Action: ["sqs:SendMessage"], Condition: { ArnEquals: { "aws:SourceArn": expect.stringMatching(/aws_s3_bucket\.payloads_bucket_\w+\.arn/) } } });
    expect(plain).toHaveResource(SqsQueue);
  });

  it("is made only when a source stores its bodies", () => {
    const inline = { sources: { repo: { verification: { scheme: "github" as const }, maxBodyBytes: 4_096 } } };
    expect(Object.values(bodyRoutes(parseWebhookConfig(inline))).some((r) => r.stored)).toBe(false);
    expect(resourcesOf(Testing.synth(new WebhookStack(Testing.app(), "inline", inline)), "aws_s3_bucket")).toEqual({});
  });
});
