import { Testing } from "cdktf";
import { CloudwatchEventArchive } from "@cdktf/provider-aws/lib/cloudwatch-event-archive";
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { REPLAY_KEY_PREFIX } from "../../delivery/replay";
import { CLAIM_ATTRIBUTES } from "../../handlers/lib/replay-claims";
import { IdempotencyTable } from "../../stacks/idempotency-table";
import { WebhookEventBus } from "../../stacks/webhook-event-bus";

describe("IdempotencyTable", () => {
  it("is on demand, expires records by TTL, is KMS-encrypted and recoverable to any second", () => {
    let statement: unknown;
    const synth = Testing.synthScope((scope) => {
      statement = new IdempotencyTable(scope, "idempotency", { tableName: "hooks-dev-idempotency" }).readWriteStatement;
    });
    expect(synth).toHaveResourceWithProperties(DynamodbTable, {
      name: "hooks-dev-idempotency",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "id",
      attribute: [{ name: "id", type: "S" }],
      ttl: { attribute_name: "expiration", enabled: true },
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
    });
    // Powertools idempotency reads, writes and deletes single records: no scan, no query.
    expect(statement).toMatchObject({ Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"] });
  });

  it("holds replay claims under the key and expiry attributes the claims write, and lets them be written only under their prefix", () => {
    let statement: unknown;
    const synth = Testing.synthScope((scope) => {
      statement = new IdempotencyTable(scope, "idempotency", { tableName: "hooks-dev-idempotency" }).claimReplaysStatement;
    });
    expect(synth).toHaveResourceWithProperties(DynamodbTable, {
      hash_key: CLAIM_ATTRIBUTES.key,
      ttl: { attribute_name: CLAIM_ATTRIBUTES.expiresAt, enabled: true },
    });
    expect(statement).toMatchObject({
      Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${REPLAY_KEY_PREFIX}*`] } },
    });
  });
});

describe("WebhookEventBus", () => {
  it("archives every event of its bus for replay, for the configured days", () => {
    const synth = Testing.synthScope((scope) => new WebhookEventBus(scope, "events", { eventBusName: "hooks-dev-events", archiveRetentionDays: 90 }));
    expect(synth).toHaveResourceWithProperties(CloudwatchEventBus, { name: "hooks-dev-events" });
    expect(synth).toHaveResourceWithProperties(CloudwatchEventArchive, {
      name: "hooks-dev-events-archive",
      event_source_arn: expect.stringContaining("aws_cloudwatch_event_bus."),
      retention_days: 90,
    });
  });
});
