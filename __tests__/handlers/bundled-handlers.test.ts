import { readQuarantineAttributes } from "../../delivery/quarantine";
import { bundleHandler } from "../../stacks/lambda-bundle";
import { invokeValidate, invokeZip, VALIDATE_QUARANTINE as QUARANTINE, VALIDATE_TABLE as TABLE } from "../support/bundles";
import { localAws, type LocalAws } from "../../local/local-aws";
import { deliveryRecord, secretId, senderSettings, SENDERS, storedSecrets, type Sender } from "../support/deliveries";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { replayClaims } from "../../handlers/lib/replay-claims";
import type { TerraformArguments } from "../../stacks/terraform-json";

const SOURCES = Object.keys(SENDERS) as Sender[];
const GITHUB_HEADERS = { "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Event": "pull_request" };
const pipeRecord = (source: Sender, options: { tamper?: boolean; receivedAfterSeconds?: number } = {}) =>
  deliveryRecord(source, { ...options, headers: source === "github" ? GITHUB_HEADERS : {} });

const idempotencyTable = { name: TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] };

describe("the bundled validate handler, fed by the real mapping templates", () => {
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await localAws({ secrets: storedSecrets, queues: [QUARANTINE], tables: [idempotencyTable] });
  });
  afterAll(() => aws.close());
  const secretsManager = () => aws.secretsManager;

  const run = async (records: unknown[], sources = senderSettings) => {
    const { items, stdout } = await invokeValidate(aws, sources, records);
    return { items: items as TerraformArguments[], stdout };
  };

  it("verifies a genuine delivery of every sender, forms and signed URLs included, fetching each secret once", async () => {
    const calls = secretsManager().requested.length;
    const { items } = await run(SOURCES.map((source) => pipeRecord(source)));
    expect(items.map((item) => [item.messageId, item.outcome, item.reason])).toEqual(SOURCES.map((source) => [source, "verified", undefined]));
    const bySource = Object.fromEntries(items.map((item) => [item.messageId, item.event]));
    expect(bySource.github).toMatchObject({ deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958", eventType: "pull_request" });
    expect(bySource.stripe.eventType).toBe("invoice.paid");
    expect(bySource.users.eventType).toBeUndefined();
    expect(bySource.slack.payload).toMatchObject({ command: "/deploy", text: "api to prod" });
    expect(bySource.stripe.deliveryId).toBe("evt_1Q");
    expect(bySource.users.payload).toEqual(JSON.parse(SENDERS.users.body));
    expect(secretsManager().requested.slice(calls).sort()).toEqual(SOURCES.map((s) => secretId(s)).sort());
  });

  it("rejects a tampered delivery of every sender and a replayed one, counting each per source and reason", async () => {
    const records = [...SOURCES.map((source) => pipeRecord(source, { tamper: true })), pipeRecord("stripe", { receivedAfterSeconds: 301 })];
    const { items, stdout } = await run(records);
    expect(items.map((item) => [item.messageId, item.outcome, item.reason])).toEqual([
      ...SOURCES.map((source) => [`${source}-tampered`, "rejected", "signature-mismatch"]),
      ["stripe", "rejected", "stale-timestamp"],
    ]);
    // Each rests in the quarantine: the envelope as queued, its reason alongside.
    const kept = aws.sqs.queue(QUARANTINE).messages.slice(-records.length);
    expect(kept.map((m) => m.body).sort()).toEqual(records.map((r) => r.body).sort());
    expect(kept.map((m) => readQuarantineAttributes(m.messageAttributes).reason).sort()).toEqual([...SOURCES.map(() => "signature-mismatch"), "stale-timestamp"].sort());
    const metrics = stdout
      .split("\n")
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line));
    expect(metrics).toContainEqual(
      expect.objectContaining({
        source: "stripe",
        reason: "stale-timestamp",
        RejectedDeliveries: 1,
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: "Webhooks/test", Dimensions: [["service", "source", "reason"]] })],
        }),
      }),
    );
    const rejected = metrics.filter((m) => m.RejectedDeliveries !== undefined);
    expect(rejected.filter((m) => m.source).map((m) => `${m.source}/${m.reason}`).sort()).toEqual(
      ["github", "slack", "stripe", "twilio", "users"].map((s) => `${s}/signature-mismatch`).concat("stripe/stale-timestamp").sort(),
    );
    // And the total, by the service dimension alone, which the burst alarm watches.
    expect(rejected.filter((m) => !m.source)).toEqual([
      expect.objectContaining({ RejectedDeliveries: 6, _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Dimensions: [["service"]] })] }) }),
    ]);
    for (const { secret } of Object.values(SENDERS)) expect(stdout).not.toContain(secret);
  });

  it("rejects a genuine delivery whose body breaks the schema, and retries what it cannot judge", async () => {
    const unknownSecret = { ...senderSettings, users: { ...senderSettings.users, secretId: `${secretId("users")}-gone` } };
    const schemaBroken = { ...senderSettings, github: { ...senderSettings.github, schema: "users" } };
    expect((await run([pipeRecord("github")], schemaBroken)).items).toEqual([
      { messageId: "github", outcome: "rejected", source: "github", reason: "invalid-payload", quarantineMessageId: expect.any(String) },
    ]);
    expect((await run([pipeRecord("users")], unknownSecret)).items).toEqual([{ messageId: "users", outcome: "retry", source: "users", reason: "secret-unavailable" }]);
  });
});

describe("the bundled process handler, from its zip", () => {
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await localAws({ tables: [idempotencyTable] });
  });
  afterAll(() => aws.close());

  const run = (input: object) =>
    invokeZip(bundleHandler("handlers/process.ts").zipPath, input, {
      IDEMPOTENCY_TABLE_NAME: TABLE,
      IDEMPOTENCY_EXPIRY_SECONDS: "86400",
      EVENT_BUS_NAME: "webhooks-test-events",
      ...aws.env,
      POWERTOOLS_LOG_LEVEL: "ERROR",
    });

  it("puts a verified delivery on the bus once, however many messages carry it", async () => {
    // The validate step claimed its content; the process step commits that claim before it runs.
    const claim = "replay#github#d1";
    const dynamoDb = new DynamoDBClient({ endpoint: aws.env.AWS_ENDPOINT_URL_DYNAMODB, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
    expect(await replayClaims(dynamoDb, TABLE, 3_600)({ key: claim, deliveryId: "d-1", receivedAt: 1 })).toEqual({ outcome: "claimed" });
    dynamoDb.destroy();
    const event = { source: "github", deliveryId: "d-1", requestId: "r-1", receivedAt: 1, eventType: "push", payload: { ref: "main" }, claim };
    const first = await run({ messageId: "m-1", event });
    const redriven = await run({ messageId: "m-2", event: { ...event, requestId: "r-2" } });
    expect(first.result).toEqual({ messageId: "m-1", deliveryId: "d-1", eventId: "local-event-1" });
    expect(redriven.result).toEqual({ messageId: "m-2", deliveryId: "d-1", eventId: "local-event-1" });
    expect(aws.eventBridge.events).toEqual([
      {
        EventBusName: "webhooks-test-events",
        Source: "webhooks.github",
        DetailType: "push",
        Detail: JSON.stringify({ metadata: { source: "github", deliveryId: "d-1", requestId: "r-1", receivedAt: 1 }, payload: { ref: "main" } }),
      },
    ]);
  });
});
