import { Testing } from "cdktf";
import { readQuarantineAttributes } from "../../delivery/quarantine";
import { VALIDATE_ENV } from "../../delivery/validate-settings";
import { bundleHandler } from "../../stacks/lambda-bundle";
import { WebhookStack } from "../../stacks/webhook-stack";
import { LocalQueue } from "../../local/queue";
import type { Execution } from "../../local/state-machine";
import { executeStateMachine } from "../support/bundles";
import { deliveryRecord, SENDERS, type Sender } from "../support/deliveries";
import { localAws, type LocalAws } from "../../local/local-aws";
import { onlyResource, resolveReferences, resourcesOf } from "../support/synth";
import type { TableResource } from "../../local/dynamodb";

/**
 * The synthesized state machine, executed by aws-local-stepfunctions with the real bundled handlers
 * as its Lambda tasks, configured from the synthesized functions' environments. Only the AWS
 * endpoints are stand-ins: the local twin's Secrets Manager, EventBridge and SQS, and dynalite for DynamoDB.
 */
const SOURCES: Sender[] = ["users", "github", "stripe", "slack"];
const synth = Testing.synth(
  new WebhookStack(Testing.app(), "exec", {
    environment: "test",
    sources: Object.fromEntries(SOURCES.map((source) => [source, SENDERS[source].config])),
  }),
);
const definition = JSON.parse(onlyResource(synth, "aws_sfn_state_machine").definition);
const functionEnv = (suffix: string): Record<string, string> => {
  const fn = Object.values(resourcesOf(synth, "aws_lambda_function")).find((f) => f.function_name.endsWith(suffix))!;
  return JSON.parse(resolveReferences(synth, JSON.stringify(fn.environment.variables)));
};
const validateEnv = functionEnv("-validate");
const processEnv = functionEnv("-process");
/** The secret ARN the validate function was told for a source. */
const secretIdOf = (source: string) => JSON.parse(validateEnv.WEBHOOK_SOURCES)[source].secretId;

const FAIL = "FAIL-ME";
/**
 * A body whose processing fails, different for each `tag`: the same signed body under another
 * delivery id would be a replay.
 */
const failing = (tag: string) => JSON.stringify({ name: `${FAIL}-${tag}`, age: 50, email: "fail@example.com" });
/** A GitHub delivery: each delivery id has its own body, as each of GitHub's events does. */
const github = (messageId: string, deliveryId: string) =>
  deliveryRecord("github", {
    messageId,
    body: JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: `octo/${deliveryId}` } }),
    headers: { "X-GitHub-Delivery": deliveryId, "X-GitHub-Event": "issues" },
  });

/** The quarantine queue, by the name the validate function was told it under. */
const QUARANTINE = validateEnv[VALIDATE_ENV.quarantineQueueUrl];
let aws: LocalAws;
const eventBridge = () => aws.eventBridge;
beforeAll(async () => {
  aws = await localAws({
    secrets: Object.fromEntries(SOURCES.map((source) => [secretIdOf(source), SENDERS[source].secret])),
    queues: [QUARANTINE],
    tables: Object.values(resourcesOf(synth, "aws_dynamodb_table")) as TableResource[],
  });
  // Processing fails for the deliveries the tests mark so: EventBridge refuses their events.
  aws.eventBridge.refuses = (entry) => entry.Detail.includes(FAIL);
});
afterAll(() => aws.close());

const run = (batches: unknown[][], overrides: Record<string, string> = {}) =>
  executeStateMachine(
    definition,
    batches,
    { "Validate Message": bundleHandler("handlers/validate.ts").zipPath, "Process Message": bundleHandler("handlers/process.ts").zipPath },
    {
      ...validateEnv,
      ...processEnv,
      ...aws.env,
      [VALIDATE_ENV.quarantineQueueUrl]: aws.sqs.url(QUARANTINE),
      POWERTOOLS_LOG_LEVEL: "ERROR",
      ...overrides,
    },
  );
const execute = (batches: unknown[][], overrides: Record<string, string> = {}) => run(batches, overrides).then((result) => result.executions);
const failures = (execution: Execution) => {
  if ("error" in execution) throw new Error(`the execution failed: ${execution.error}`);
  return (execution.output as { batchItemFailures: { itemIdentifier: string }[] }).batchItemFailures.map((f) => f.itemIdentifier);
};

describe("the state machine, executed with the real handlers", () => {

  const eventsFrom = (source: string) => eventBridge().events.filter((event) => event.Source === `webhooks.${source}`);

  it("lists exactly the deliveries whose processing failed; verified and forged ones are acknowledged", async () => {
    const batch = [
      deliveryRecord("users", { messageId: "ok-users" }),
      deliveryRecord("github", { messageId: "forged", tamper: true }),
      deliveryRecord("stripe", { messageId: "ok-stripe" }),
      deliveryRecord("users", { messageId: "fails", body: failing("fails") }),
      deliveryRecord("slack", { messageId: "ok-slack" }),
      { messageId: "unreadable", body: "not an envelope" },
    ];
    const [execution] = await execute([batch]);
    expect(failures(execution).sort()).toEqual(["fails", "unreadable"]);
    expect(eventBridge().events.map((event) => [event.Source, event.DetailType])).toEqual(
      expect.arrayContaining([
        ["webhooks.users", "webhook"],
        ["webhooks.stripe", "invoice.paid"],
        ["webhooks.slack", "webhook"],
      ]),
    );
    expect(eventBridge().events.some((event) => event.Source === "webhooks.github")).toBe(false);
    expect(eventBridge().events.some((event) => event.Detail.includes(FAIL))).toBe(false);
  });

  it("reports a single failure as a one-item list, and a batch without failures as an empty one, by the branch AWS takes", async () => {
    const { executions, paths } = await run([
      [deliveryRecord("users", { messageId: "lonely-failure", body: failing("lonely-failure") }), deliveryRecord("slack", { messageId: "fine" })],
      [deliveryRecord("github", { messageId: "forged-only", tamper: true })],
    ]);
    expect(executions).toEqual([{ output: { batchItemFailures: [{ itemIdentifier: "lonely-failure" }] } }, { output: { batchItemFailures: [] } }]);
    // A batch without failures never runs the failure filter: "Any Failures" sends it to "All Acknowledged".
    expect(paths[0]).toContain("Report Failures");
    expect(paths[1].slice(-2)).toEqual(["Any Failures", "All Acknowledged"]);
  });

  it("keeps each rejected delivery in the quarantine, envelope intact, and quarantines a replay", async () => {
    const forged = deliveryRecord("github", { messageId: "kept-forged", tamper: true, headers: { "X-GitHub-Delivery": "gh-kept" } });
    const first = deliveryRecord("users", { messageId: "replayed-first", body: JSON.stringify({ name: "Twice", age: 30, email: "t@example.com" }) });
    const replay = { ...first, messageId: "replayed-again", body: first.body.replace(/"requestId":"[^"]+"/, '"requestId":"another-request"').replace(/"deliveryId":"[^"]+"/, '"deliveryId":"another-request"') };
    const executions = await execute([[forged, first], [replay]]);
    expect(executions.map(failures)).toEqual([[], []]);
    const kept = aws.sqs.queue(QUARANTINE).messages.filter((m) => ["kept-forged", "replayed-again"].includes(readQuarantineAttributes(m.messageAttributes).messageId!));
    expect(kept.map((m) => [readQuarantineAttributes(m.messageAttributes).reason, m.body])).toEqual([
      ["signature-mismatch", forged.body],
      ["replay", replay.body],
    ]);
    expect(eventBridge().events.filter((e) => e.Detail.includes('"Twice"'))).toHaveLength(1);
  });

  it("quarantines a 50,000-level body alone while its batch-mates (batch of 4) are processed", async () => {
    const deep = JSON.stringify({ name: "Deep", age: 40, email: "d@example.com" }).replace(/}$/, `,"x":${"[".repeat(50_000)}${"]".repeat(50_000)}}`);
    const mates = ["Mate1", "Mate2", "Mate3"].map((name) => deliveryRecord("users", { messageId: name, body: JSON.stringify({ name, age: 33, email: "m@example.com" }) }));
    const [execution] = await execute([[mates[0], deliveryRecord("users", { messageId: "deep", body: deep }), mates[1], mates[2]]]);
    expect(failures(execution)).toEqual([]);
    const deepKept = aws.sqs.queue(QUARANTINE).messages.find((m) => readQuarantineAttributes(m.messageAttributes).messageId === "deep");
    expect(readQuarantineAttributes(deepKept!.messageAttributes)).toMatchObject({ reason: "invalid-payload", detail: "body nests deeper than 64 levels" });
    for (const name of ["Mate1", "Mate2", "Mate3"]) expect(eventBridge().events.filter((e) => e.Detail.includes(`"${name}"`))).toHaveLength(1);
  });

  it("processes a delivery once when it comes again with a new message id, as after a DLQ redrive", async () => {
    const executions = await execute([[github("m-1", "gh-delivery-1")], [github("m-2", "gh-delivery-1")], [github("m-3", "gh-delivery-2")]]);
    for (const execution of executions) expect(failures(execution)).toEqual([]);
    const detail = (event: { Detail: string }) => JSON.parse(event.Detail).metadata.deliveryId;
    expect(eventsFrom("github").map(detail)).toEqual(["gh-delivery-1", "gh-delivery-2"]);
  });

  it("is safe under concurrent duplicates: one is processed, the other at most retried", async () => {
    const before = eventsFrom("github").length;
    const [execution] = await execute([[github("c-1", "gh-concurrent"), github("c-2", "gh-concurrent"), github("c-3", "gh-concurrent")]]);
    // A duplicate that finds the first still in progress fails and is retried; once it finds the
    // stored result, it succeeds without processing again.
    const retried = failures(execution);
    expect(retried.length).toBeLessThanOrEqual(2);
    const [again] = await execute([retried.map((id) => github(id, "gh-concurrent"))]);
    expect(failures(again)).toEqual([]);
    expect(eventsFrom("github").length - before).toBe(1);
  });

  it("fails the whole execution, so the pipe retries the whole batch, when the batch step itself fails", async () => {
    const [execution] = await execute([[deliveryRecord("users", { messageId: "whole" })]], { WEBHOOK_SOURCES: "{not json" });
    expect(execution).toEqual({ error: expect.any(String) });
    expect("output" in execution).toBe(false);
  });
});

describe("a delivery whose processing keeps failing, through the queue and the pipe", () => {
  it("is retried until maxReceiveCount, then rests in the DLQ with its envelope byte-identical", async () => {
    const queues = Object.values(resourcesOf(synth, "aws_sqs_queue"));
    const main = queues.find((q) => q.name.endsWith("-deliveries"))!;
    const maxReceiveCount = JSON.parse(main.redrive_policy).maxReceiveCount;
    const batchSize = onlyResource(synth, "aws_pipes_pipe").source_parameters.sqs_queue_parameters.batch_size;
    const deadLetterQueue = new LocalQueue(30);
    const queue = new LocalQueue(main.visibility_timeout_seconds, { deadLetterQueue, maxReceiveCount });

    const queued = deliveryRecord("users", { messageId: "doomed", body: failing("doomed") }).body;
    const fine = deliveryRecord("users", { messageId: "fine", body: JSON.stringify({ name: "Fine", age: 33, email: "f@example.com" }) }).body;
    queue.send(queued, 0);
    queue.send(fine, 0);

    // The pipe: receive a batch, run the state machine on it, delete what it did not list.
    let now = 0;
    let executions = 0;
    while (queue.messages.length > 0 && executions < 10) {
      const batch = queue.receive(batchSize, now);
      if (batch.length > 0) {
        const [execution] = await execute([batch]);
        executions++;
        const failed = new Set(failures(execution));
        for (const record of batch) if (!failed.has(record.messageId)) queue.delete(record.receiptHandle);
      }
      now += main.visibility_timeout_seconds;
    }

    expect(queue.messages).toEqual([]);
    expect(deadLetterQueue.messages.map((m) => [m.receiveCount, m.body === queued])).toEqual([[maxReceiveCount, true]]);
    expect(Buffer.from(deadLetterQueue.messages[0].body).equals(Buffer.from(queued))).toBe(true);
    expect(eventBridge().events.filter((event) => event.Detail.includes('"Fine"'))).toHaveLength(1);
    // One execution per receive: the doomed delivery was tried maxReceiveCount times, the fine one
    // once, in the doomed one's first batch when a batch holds both.
    expect(executions).toBe(maxReceiveCount + (batchSize === 1 ? 1 : 0));
  });
});
