import { SQSClient } from "@aws-sdk/client-sqs";
import { quarantineAttributes } from "../../delivery/quarantine";
import type { Rejection } from "../../handlers/lib/validate-batch";
import { quarantine } from "../../scripts/quarantine";
import { deliveryRecord } from "../support/deliveries";
import { localAws, type LocalAws } from "../../local/local-aws";

/**
 * `npm run quarantine` against the twin's SQS over its real JSON protocol: the quarantine holds
 * envelopes with their rejection attributes, as the validate function sends them.
 */
const QUARANTINE = "webhooks-test-quarantine";
const QUEUE = "webhooks-test-deliveries";
let aws: LocalAws;
let sqs: SQSClient;
beforeAll(async () => {
  aws = await localAws({ queues: [QUARANTINE, QUEUE] });
  sqs = new SQSClient({ endpoint: aws.env.AWS_ENDPOINT_URL_SQS, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
});
afterAll(async () => {
  sqs.destroy();
  await aws.close();
});
beforeEach(() => {
  for (const name of [QUARANTINE, QUEUE]) aws.sqs.queue(name).messages.length = 0;
});

const outputs = () => ({ "quarantine-queue-url": aws.sqs.url(QUARANTINE), "queue-url": aws.sqs.url(QUEUE) });

async function run(argv: string[], outputsOf: () => Promise<Record<string, string>> = async () => outputs()) {
  const lines: string[] = [];
  const code = await quarantine(argv, { sqs, outputs: outputsOf, print: (line) => lines.push(line) });
  return { code, output: lines.join("\n") };
}

/** Puts a rejected delivery in the quarantine as the validate function does. */
function reject(source: "github" | "users", deliveryId: string, reason: Rejection["reason"], detail?: string) {
  const record = deliveryRecord(source, { messageId: `queued-${deliveryId}`, headers: source === "github" ? { "X-GitHub-Delivery": deliveryId } : {} });
  const rejection = { messageId: record.messageId, source, deliveryId, reason, ...(detail ? { detail } : {}) };
  return { record, messageId: aws.sqs.sendMessage(QUARANTINE, record.body, quarantineAttributes(rejection, 1_764_000_000_000)) };
}

const peeked = (output: string) => output.split("\n").map((line) => JSON.parse(line));

describe("npm run quarantine: filters that name no known reason or source", () => {
  it("refuses a misspelled reason with the one meant and every reason there is, before reading anything", async () => {
    const { code, output } = await run(["peek", "--reason", "signature-mismtach"]);
    expect(code).toBe(2);
    expect(output).toMatch(/^--reason: no delivery is quarantined for that reason; did you mean signature-mismatch\? Reasons: missing-signature, .*invalid-payload, replay \(got "signature-mismtach"\)\nusage: npm run quarantine/);
  });

  it("says so when a source the stack does not have matched nothing, with the source meant", async () => {
    reject("github", "gh-1", "signature-mismatch");
    const withEndpoints = async () => ({ ...outputs(), "endpoint-github": "https://x/v1/webhooks/github", "endpoint-shop": "https://x/v1/webhooks/shop" });
    for (const command of ["peek", "release"]) {
      const { output } = await run([command, "--source", "shoop"], withEndpoints);
      expect(output).toMatch(/The stack has no source "shoop" \(did you mean shop\?\); it has github, shop\.$/);
    }
    // A known source that matched nothing, or a source with deliveries, gets no hint.
    expect((await run(["peek", "--source", "shop"], withEndpoints)).output).toBe("No delivery in the quarantine with source shop.");
  });
});

describe("npm run quarantine -- peek", () => {
  it("lists rejected deliveries with their reasons, filtered, without taking them or showing signatures", async () => {
    reject("github", "gh-1", "signature-mismatch");
    reject("github", "gh-2", "replay");
    reject("users", "u-1", "invalid-payload", "age: Number must be greater than or equal to 18");

    const all = await run(["peek"]);
    expect(all.code).toBe(0);
    expect(peeked(all.output).map((d) => [d.source, d.deliveryId, d.reason])).toEqual([
      ["github", "gh-1", "signature-mismatch"],
      ["github", "gh-2", "replay"],
      ["users", "u-1", "invalid-payload"],
    ]);
    expect(peeked(all.output)[2]).toMatchObject({ detail: "age: Number must be greater than or equal to 18", rejectedAt: "2025-11-24T16:00:00.000Z", queueMessageId: "queued-u-1" });
    expect(all.output).not.toMatch(/sha256=|[0-9a-f]{64}/);
    expect(peeked(all.output)[0].body).toBeUndefined();

    expect(peeked((await run(["peek", "--source", "github", "--reason", "replay"])).output).map((d) => d.deliveryId)).toEqual(["gh-2"]);
    expect(peeked((await run(["peek", "--max", "1"])).output)).toHaveLength(1);
    expect(peeked((await run(["peek", "--id", "u-1", "--body"])).output)[0].body).toContain('"email":"zoe@example.com"');
    // Still all there, visible, for a release.
    expect(aws.sqs.queue(QUARANTINE).counts(Date.now() / 1000)).toEqual({ visible: 3, inFlight: 0 });
  });

  it("says when nothing matches", async () => {
    expect((await run(["peek"])).output).toBe("No delivery in the quarantine.");
    reject("users", "u-1", "invalid-payload");
    expect((await run(["peek", "--source", "github"])).output).toBe("No delivery in the quarantine with source github.");
  });
});

describe("npm run quarantine -- release", () => {
  it("sends the matching deliveries back to the queue, envelopes unchanged, and leaves the rest", async () => {
    const wanted = reject("github", "gh-1", "signature-mismatch");
    const also = reject("github", "gh-2", "signature-mismatch");
    reject("users", "u-1", "invalid-payload");
    const { code, output } = await run(["release", "--source", "github"]);
    expect(code).toBe(0);
    expect(output).toContain("released github gh-1 (was signature-mismatch)");
    expect(output).toContain("2 deliveries sent back for verification");
    expect(aws.sqs.queue(QUEUE).messages.map((m) => m.body)).toEqual([wanted.record.body, also.record.body]);
    expect(aws.sqs.queue(QUARANTINE).messages.map((m) => m.messageAttributes.deliveryId.StringValue)).toEqual(["u-1"]);
    expect(aws.sqs.queue(QUARANTINE).counts(Date.now() / 1000).visible).toBe(1);
  });

  it("releases one delivery by its delivery id or either message id", async () => {
    const first = reject("users", "u-1", "signature-mismatch");
    reject("users", "u-2", "signature-mismatch");
    expect((await run(["release", "--id", first.messageId])).code).toBe(0);
    expect((await run(["release", "--id", "queued-u-2"])).code).toBe(0);
    expect(aws.sqs.queue(QUEUE).messages).toHaveLength(2);
    expect((await run(["release", "--id", "nobody"])).output).toBe("No delivery in the quarantine with id nobody: nothing to release.");
  });

  it("removes a second copy of one rejection once its twin is sent back, and leaves a copy rejected again from another message for the next release", async () => {
    const { record } = reject("github", "gh-9", "signature-mismatch");
    // The same rejection kept twice (a validate result lost after it ran): the same envelope, from the same queue message.
    reject("github", "gh-9", "signature-mismatch");
    // The same envelope rejected again after an earlier release: another queue message.
    aws.sqs.sendMessage(QUARANTINE, record.body, quarantineAttributes({ messageId: "queued-again", source: "github", deliveryId: "gh-9", reason: "signature-mismatch" }, 1_764_000_000_000));
    const { code, output } = await run(["release", "--id", "gh-9"]);
    expect(code).toBe(0);
    expect(output).toContain("removed a second copy of github gh-9: its twin was sent back");
    expect(aws.sqs.queue(QUEUE).messages.map((m) => m.body)).toEqual([record.body]);
    expect(aws.sqs.queue(QUARANTINE).messages.map((m) => m.messageAttributes.messageId?.StringValue)).toEqual(["queued-again"]);
  });

  it("keeps a delivery it could not send back, and says so", async () => {
    reject("users", "u-1", "signature-mismatch");
    aws.sqs.refusesSend = () => true;
    try {
      const { code, output } = await run(["release"]);
      expect(code).toBe(1);
      expect(output).toMatch(/NOT released users u-1: InternalError: .*; it stays in the quarantine/);
    } finally {
      aws.sqs.refusesSend = () => false;
    }
    expect(aws.sqs.queue(QUARANTINE).counts(Date.now() / 1000)).toEqual({ visible: 1, inFlight: 0 });
  });
});

describe("npm run quarantine, misused", () => {
  it("prints its usage, and says what the stack lacks", async () => {
    for (const argv of [[], ["purge"], ["peek", "extra"], ["release", "--body"], ["release", "--max", "10"], ["peek", "--nope"]]) {
      const { code, output } = await run(argv);
      expect([code, output]).toEqual([2, expect.stringContaining("usage: npm run quarantine -- <peek|release>")]);
    }
    expect((await run(["release", "--max", "10", "--body"])).output).toMatch(/^--max: only peek takes it; release takes every match\n--body: only peek takes it/);
    expect(await run(["peek", "--max", "0"])).toEqual({ code: 2, output: expect.stringMatching(/^--max: must be a whole number, at least 1 \(got "0"\)\nusage: /) });
    expect((await run(["peek"], async () => ({}))).output).toBe("The stack's outputs lack quarantine-queue-url, queue-url: redeploy it with this version.");
  });
});
