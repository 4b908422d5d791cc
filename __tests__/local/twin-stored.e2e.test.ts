import { createHash } from "node:crypto";
import * as path from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { Testing } from "cdktf";
import { API_GATEWAY_MAX_BODY_BYTES, queuedMessageKind } from "../../delivery/stored-delivery";
import type { DeliveryEvent } from "../../local/delivery-path";
import { objectCreatedNotification } from "../../local/s3";
import { postDelivery, signDelivery, sourcesOfStack } from "../../local/sender";
import { LocalTwin } from "../../local/twin";
import { parseFault } from "../../local/faults";
import { SECRET_REFRESH_SECONDS } from "../../handlers/lib/secrets";
import { dlq } from "../../scripts/dlq";
import { TwinConsole } from "../../scripts/console/twin-console";
import { quarantine } from "../../scripts/quarantine";
import { bodyRoutes, parseWebhookConfig, type WebhookConfigInput } from "../../stacks/config";
import { WebhookStack } from "../../stacks/webhook-stack";

/**
 * Stored deliveries end to end on the twin, at the defaults: every body API Gateway accepts is
 * written to the payload bucket by the route's S3 integration, S3's notification queues a pointer,
 * and the validate step reads the exact bytes back. Beside it, an inline source, so batches mix both.
 */
const SECRETS: Record<string, string> = { github: "It's a Secret to Everybody", users: "users-signing-key" };
const CONFIG: WebhookConfigInput = {
  environment: "test",
  sources: {
    github: { verification: { scheme: "github" } },
    // Small bodies only: inline, on the queue.
    users: { schema: "users", verification: { scheme: "hmac" }, deliveryIdHeader: "x-delivery-id", maxBodyBytes: 4_096 },
  },
  api: { throttlingRateLimit: 10_000, throttlingBurstLimit: 5_000 },
};
const outdir = Testing.fullSynth(new WebhookStack(Testing.app(), "stored", CONFIG));

const FAIL = "FAIL-ME";
const events: DeliveryEvent[] = [];
let secrets = { ...SECRETS };
let twin: LocalTwin;
let sqs: SQSClient;
beforeAll(async () => {
  twin = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", "stored"), port: 0, secrets: () => secrets, fastForward: true, onEvent: (event) => events.push(event) });
  twin.eventBridge.refuses = (entry) => entry.Detail.includes(FAIL);
  twin.extend(new TwinConsole(twin, (source) => SECRETS[source]));
  sqs = new SQSClient({ endpoint: twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
}, 60_000);
afterAll(async () => {
  sqs?.destroy();
  await twin?.stop();
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const stepsOf = (messageId: string) => events.filter((event) => event.messageId === messageId).map((event) => event.step);
const stepOf = (messageId: string, step: DeliveryEvent["step"]) => events.find((event) => event.messageId === messageId && event.step === step);
const busEventsFor = (deliveryId: string) => twin.eventBridge.events.filter((event) => JSON.parse(event.Detail).metadata.deliveryId === deliveryId);
const bucket = () => twin.s3["buckets" as never] as Map<string, Map<string, unknown>>;
const bucketName = () => [...bucket().keys()][0];

/** A GitHub push of exactly `size` bytes, its padding a field of its own. */
function githubBody(size: number, marker = "octo/hello"): Buffer {
  const head = `{"action":"opened","sender":{"login":"octocat","id":1},"repository":{"id":7,"full_name":"${marker}"},"padding":"`;
  return Buffer.from(head + "x".repeat(size - head.length - 2) + '"}');
}

/** Signs and posts a delivery as the sender would; the message id it was queued under, awaited for a stored one. */
async function send(source: "github" | "users", body: Buffer, options: { deliveryId?: string; secret?: string; tamper?: boolean } = {}) {
  const delivery = signDelivery(sourcesOfStack(twin.stack)[source], {
    url: twin.outputs()[`endpoint-${source}`],
    body,
    secret: options.secret ?? SECRETS[source],
    deliveryId: options.deliveryId,
    event: source === "github" ? "push" : undefined,
  });
  // Tampered: one byte of the padding changed after signing, so the body still matches its model.
  const sent = options.tamper ? { ...delivery, body: Buffer.concat([body.subarray(0, -3), Buffer.from('y"}')]) } : delivery;
  const answer = await postDelivery(sent);
  return { ...answer, json: answer.body.startsWith("{") ? JSON.parse(answer.body) : undefined, messageId: answer.status === 200 ? await twin.queuedAs(answer.body) : undefined };
}

const tool = async (run: (print: (line: string) => void) => Promise<number>) => {
  const lines: string[] = [];
  const code = await run((line) => lines.push(line));
  return { code, lines };
};
const deps = (print: (line: string) => void) => ({ sqs, outputs: async () => twin.outputs(), print, twinUrl: twin.url });

describe("stored deliveries on the twin", () => {
  it("stores by default, and keeps inline a source that asks for no more than a message holds", () => {
    expect(bodyRoutes(parseWebhookConfig(CONFIG))).toMatchObject({ github: { stored: true, maxBodyBytes: API_GATEWAY_MAX_BODY_BYTES }, users: { stored: false } });
  });

  it.each([
    ["200 KiB", 200 * 1024],
    ["1 MiB", 1024 * 1024],
    ["5 MiB", 5 * 1024 * 1024],
    ["10 MiB less API Gateway's headers", API_GATEWAY_MAX_BODY_BYTES],
  ])("verifies a signed GitHub delivery of %s from its exact bytes and processes it once", async (_size, size) => {
    const body = githubBody(size);
    const deliveryId = `gh-${size}`;
    const answer = await send("github", body, { deliveryId });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ requestId: expect.any(String), stored: true });
    const key = `github/${answer.json.requestId}`;
    expect(sha256(twin.s3.getObject(bucketName(), key)!.body)).toBe(sha256(body));
    await twin.drained();
    expect(stepsOf(answer.messageId!)).toEqual(["accepted", "received", "verified", "processed"]);
    const [event, ...more] = busEventsFor(deliveryId);
    expect(more).toEqual([]);
    const detail = JSON.parse(event.Detail);
    if (size <= 200 * 1024) {
      // An event holds it: the process step read it back and put the payload on the bus.
      expect(detail.payload.padding).toHaveLength(body.toString().length - body.toString().indexOf('"padding":"') - 13);
    } else {
      expect(detail.payload).toBeUndefined();
      expect(detail.payloadRef).toEqual({ bucket: bucketName(), key, size, sha256: sha256(body), contentType: "application/json" });
    }
  }, 60_000);

  it("shows a 5 MiB stored delivery in the console: queued, verified and processed, its headers masked, its size", async () => {
    const body = githubBody(5 * 1024 * 1024, "octo/console");
    const answer = await send("github", body, { deliveryId: "gh-console" });
    await twin.drained();
    const detail = (await (await fetch(`${twin.url}/_console/api/deliveries/${answer.messageId}`)).json()) as { request: { headers: Record<string, string> }; timeline: { step: string }[] };
    expect(detail).toMatchObject({ source: "github", deliveryId: "gh-console", status: "processed", request: { bodyBytes: body.length, contentType: "application/json" } });
    expect(detail.request.headers["x-hub-signature-256"]).not.toContain("sha256=");
    expect(detail.timeline.map((step: { step: string }) => step.step)).toEqual(expect.arrayContaining(["accepted", "verified", "processed"]));
  }, 60_000);

  it("answers a body of 10 MiB and a byte 413, naming the limit; nothing is stored", async () => {
    const before = [...(bucket().get(bucketName())?.keys() ?? [])].length;
    const answer = await postDelivery({ url: twin.outputs()["endpoint-github"], headers: { "content-type": "application/json" }, body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ message: "The delivery is larger than the 10485760 bytes API Gateway accepts" });
    expect([...(bucket().get(bucketName())?.keys() ?? [])].length).toBe(before);
  });

  it("quarantines a tampered delivery; released, it comes back intact and is quarantined again, never processed", async () => {
    const body = githubBody(300 * 1024, "octo/tampered");
    const forged = await send("github", body, { deliveryId: "gh-tampered", tamper: true });
    await twin.drained();
    expect(stepOf(forged.messageId!, "rejected")).toMatchObject({ reason: "signature-mismatch" });
    const [resting] = twin.sqs.queue("webhooks-test-quarantine").messages;
    const { ref } = queuedMessageKind(resting.body) as { ref: { key: string } };
    const stored = twin.s3.getObject(bucketName(), ref.key)!.body;

    const released = await tool((print) => quarantine(["release", "--id", "gh-tampered"], deps(print)));
    expect(released.code).toBe(0);
    await twin.drained();
    expect(sha256(twin.s3.getObject(bucketName(), ref.key)!.body)).toBe(sha256(stored));
    expect(twin.sqs.queue("webhooks-test-quarantine").messages.map((m) => queuedMessageKind(m.body))).toEqual([{ kind: "stored", ref: expect.objectContaining({ key: ref.key }) }]);
    expect(busEventsFor("gh-tampered")).toEqual([]);
  }, 60_000);

  it("quarantines deliveries signed with a secret the stack lacks, and releases them intact to be processed once when it is stored", async () => {
    const body = githubBody(2 * 1024 * 1024, "octo/rotated");
    const first = await send("github", body, { deliveryId: "gh-rotated", secret: "the sender's new secret" });
    await twin.drained();
    const rejectedAt = Date.now();
    expect(stepOf(first.messageId!, "rejected")).toMatchObject({ reason: "signature-mismatch" });
    secrets = { ...SECRETS, github: JSON.stringify([SECRETS.github, "the sender's new secret"]) };
    try {
      // The validate function read the secret afresh when the delivery mismatched: its next fresh read comes SECRET_REFRESH_SECONDS later.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, rejectedAt + SECRET_REFRESH_SECONDS * 1000 + 100 - Date.now())));
      const released = await tool((print) => quarantine(["release", "--id", "gh-rotated"], deps(print)));
      expect(released.lines.join("\n")).toContain("released github gh-rotated");
      await twin.drained();
    } finally {
      secrets = { ...SECRETS };
    }
    const [event, ...more] = busEventsFor("gh-rotated");
    expect(more).toEqual([]);
    expect(JSON.parse(event.Detail).payloadRef.sha256).toBe(sha256(body));
  }, 60_000);

  it("retries a stored delivery whose object is gone or changed, never judging it, and keeps it in the DLQ; restored, it is processed once", async () => {
    const body = githubBody(64 * 1024, "octo/vanishing");
    const answer = await send("github", body, { deliveryId: "gh-vanishing" });
    await twin.drained();
    const key = `github/${answer.json.requestId}`;
    const original = twin.s3.getObject(bucketName(), key)!;
    // Gone: a second notification of the same object, after it was deleted.
    twin.s3.deleteObject(bucketName(), key);
    const missing = twin.sqs.sendMessage(twin.queueName, objectCreatedNotification(bucketName(), key, original, "us-east-1"));
    // Changed in place: the object no longer has the entity tag its notification names.
    const altered = twin.s3.putObject(bucketName(), `${key}-altered`, body, "application/json", original.metadata, { notify: false });
    const notified = { ...altered, eTag: `"${"0".repeat(32)}"` };
    const changed = twin.sqs.sendMessage(twin.queueName, objectCreatedNotification(bucketName(), `${key}-altered`, notified, "us-east-1"));
    await twin.drained();
    expect(events.filter((e) => e.messageId === missing && e.step === "not-validated").map((e) => (e as { reason: string }).reason)).toEqual(["stored-body-missing", "stored-body-missing", "stored-body-missing"]);
    expect(events.filter((e) => e.messageId === changed && e.step === "not-validated").map((e) => (e as { reason: string }).reason)).toEqual(["stored-body-altered", "stored-body-altered", "stored-body-altered"]);
    expect(stepsOf(missing).at(-1)).toBe("dead-lettered");
    expect(events.some((e) => [missing, changed].includes(e.messageId ?? "") && e.step === "rejected")).toBe(false);

    // The DLQ tools show where the body is; put back, a redrive processes it, once (the first copy already was).
    const peeked = await tool((print) => dlq(["peek"], deps(print)));
    expect(peeked.lines.flatMap((line) => line.split("\n")).map((line) => (line.startsWith("{") ? JSON.parse(line) : {})).find((m) => m.messageId === missing)).toMatchObject({ source: "github", stored: `s3://${bucketName()}/${key}` });
    twin.s3.putObject(bucketName(), key, original.body, original.contentType, original.metadata, { notify: false });
    twin.s3.deleteObject(bucketName(), `${key}-altered`);
    expect((await tool((print) => dlq(["redrive"], deps(print)))).code).toBe(0);
    await twin.drained();
    expect(busEventsFor("gh-vanishing")).toHaveLength(1);
  }, 60_000);

  it("acknowledges S3's test of the bucket's notification, which is no delivery: not retried, not dead-lettered, not quarantined", async () => {
    const dlqBefore = twin.sqs.queue(`${twin.queueName}-dlq`).messages.length;
    const quarantineBefore = twin.sqs.queue("webhooks-test-quarantine").messages.length;
    const test = twin.sqs.sendMessage(twin.queueName, JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Time: new Date().toISOString(), Bucket: bucketName() }));
    await twin.drained();
    // Put there by hand, so the twin tells it "requeued"; then received, and nothing more.
    expect(stepsOf(test)).toEqual(["requeued", "received"]);
    expect(twin.sqs.queue(twin.queueName).messages).toEqual([]);
    expect(twin.sqs.queue(`${twin.queueName}-dlq`).messages.length).toBe(dlqBefore);
    expect(twin.sqs.queue("webhooks-test-quarantine").messages.length).toBe(quarantineBefore);
  });

  it("processes a delivery once when S3 notifies it twice, or its sender sends it twice", async () => {
    const body = githubBody(20 * 1024, "octo/twice");
    const first = await send("github", body, { deliveryId: "gh-twice" });
    await twin.drained();
    const key = `github/${first.json.requestId}`;
    twin.sqs.sendMessage(twin.queueName, objectCreatedNotification(bucketName(), key, twin.s3.getObject(bucketName(), key)!, "us-east-1"));
    await send("github", body, { deliveryId: "gh-twice" });
    await twin.drained();
    expect(busEventsFor("gh-twice")).toHaveLength(1);
  }, 60_000);

  it("keeps partial batch failure exact in batches that mix inline and stored deliveries", async () => {
    await twin.pipe.stop();
    const sent: { id: string; fails: boolean; messageId?: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const fails = i % 5 === 0;
      const id = `mix-${i}`;
      const answer =
        i % 2 === 0
          ? await send("github", githubBody(30 * 1024, fails ? `octo/${FAIL}-${i}` : `octo/mixed-${i}`), { deliveryId: id })
          : await send("users", Buffer.from(JSON.stringify({ name: fails ? `${FAIL}-${i}` : `ok-${i}`, age: 30, email: "ada@example.com" })), { deliveryId: id });
      sent.push({ id, fails, messageId: answer.messageId });
    }
    twin.pipe.start();
    await twin.drained();
    for (const { id, fails, messageId } of sent) {
      const steps = stepsOf(messageId!);
      if (fails) {
        expect(steps.at(-1)).toBe("dead-lettered");
        expect(busEventsFor(id)).toEqual([]);
      } else {
        expect(steps.filter((step) => step === "received")).toHaveLength(1);
        expect(busEventsFor(id)).toHaveLength(1);
      }
    }
    // The batches really were mixed: the pipe took ten at a time.
    expect(events.filter((e) => e.step === "received" && sent.some((s) => s.messageId === e.messageId)).length).toBeGreaterThan(20);
  }, 60_000);

  it("answers 503 while S3 fails, storing and queuing nothing, and retries a stored body it cannot read, never judging it", async () => {
    const seen: DeliveryEvent[] = [];
    const failing = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", "stored"), port: 0, secrets: SECRETS, fastForward: true, faults: [parseFault("payloads@0s")], onEvent: (e) => seen.push(e) });
    try {
      const delivery = signDelivery(sourcesOfStack(failing.stack).github, { url: failing.outputs()["endpoint-github"], body: githubBody(4096, "octo/s3-down"), secret: SECRETS.github, event: "push" });
      const answer = await postDelivery(delivery);
      expect(answer.status).toBe(503);
      expect(failing.sqs.queue(failing.queueName).messages).toEqual([]);
      // A notification of an object the functions cannot read while S3 fails.
      const body = githubBody(4096, "octo/s3-unreadable");
      const stored = failing.s3.putObject("webhooks-test-body-local", "github/r-1", body, "application/json", { "request-id": "r-1", "received-at": String(Date.now()) }, { notify: false });
      const messageId = failing.sqs.sendMessage(failing.queueName, objectCreatedNotification("webhooks-test-body-local", "github/r-1", stored, "us-east-1"));
      await failing.drained();
      const reasons = seen.filter((e) => e.messageId === messageId && e.step === "not-validated").map((e) => (e as { reason: string }).reason);
      expect(reasons).toEqual(["stored-body-unavailable", "stored-body-unavailable", "stored-body-unavailable"]);
      expect(failing.sqs.queue(`${failing.queueName}-dlq`).messages.map((m) => m.messageId)).toEqual([messageId]);
      expect(failing.sqs.queue("webhooks-test-quarantine").messages).toEqual([]);
    } finally {
      await failing.stop();
    }
  }, 120_000);
});
