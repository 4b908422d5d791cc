import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { Testing } from "cdktf";
import { readQuarantineAttributes } from "../../delivery/quarantine";
import { SECRET_REFRESH_SECONDS } from "../../handlers/lib/secrets";
import type { DeliveryEvent } from "../../local/delivery-path";
import { followLocalSecrets } from "../../local/local-secrets";
import { postDelivery, signDelivery, sourcesOfStack } from "../../local/sender";
import { LocalTwin } from "../../local/twin";
import { quarantine } from "../../scripts/quarantine";
import { largestMessageFitting } from "../../stacks/invariants";
import { WebhookStack } from "../../stacks/webhook-stack";
import { allInline } from "../support/inline";

/**
 * The verification edge, end to end on the twin: nothing a verdict decides is lost. Deliveries are
 * signed and posted as senders do; secrets live in a local secrets file the twin follows, as a
 * secret's new versions appear in Secrets Manager; `npm run quarantine` runs against the twin.
 */
const BATCH_SIZE = 4;
const GITHUB_SECRET = "It's a Secret to Everybody";
const outdir = Testing.fullSynth(
  new WebhookStack(Testing.app(), "edge", allInline({
    environment: "test",
    sources: {
      users: { schema: "users", verification: { scheme: "hmac" }, throttle: { rateLimit: 20, burstLimit: 40 } },
      github: { schema: "github", verification: { scheme: "github" } },
      partners: { schema: "users", verification: { scheme: "hmac", header: "X-Partner-Signature" } },
    },
    // Batches of 4: the largest envelope a full batch of which fits one Step Functions input.
    pipe: { batchSize: BATCH_SIZE },
    queue: { maxMessageSizeBytes: largestMessageFitting(BATCH_SIZE) },
  })),
);

const secretsFile = path.join(mkdtempSync(path.join(tmpdir(), "edge-")), "local.secrets.json");
let secretsVersion = 1_000;
/** Stores secrets as an operator would edit the file: each write a new modification time. */
function storeSecrets(secrets: Record<string, string | string[]>): void {
  writeFileSync(secretsFile, JSON.stringify(secrets));
  secretsVersion += 1;
  utimesSync(secretsFile, secretsVersion, secretsVersion);
}

const events: DeliveryEvent[] = [];
let twin: LocalTwin;
let sqs: SQSClient;
beforeAll(async () => {
  // GitHub's secret is stored with a typo from the start.
  storeSecrets({ users: "users-key", github: "It's a Secret to Everybdy", partners: "partners-old" });
  twin = await LocalTwin.start({
    stackDir: path.join(outdir, "stacks", "edge"),
    port: 0,
    secrets: followLocalSecrets(["users", "github", "partners"], secretsFile, {}),
    fastForward: true,
    onEvent: (event) => events.push(event),
  });
  sqs = new SQSClient({ endpoint: twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
}, 60_000);
afterAll(async () => {
  sqs.destroy();
  await twin.stop();
});

type Source = "users" | "github" | "partners";
/** Signs and posts a delivery with `secret`, as its sender would. */
async function send(source: Source, body: string | Buffer, secret: string, options: { deliveryId?: string; event?: string } = {}) {
  const delivery = signDelivery(sourcesOfStack(twin.stack)[source], {
    url: twin.outputs()[`endpoint-${source}`],
    body: Buffer.from(body),
    secret,
    deliveryId: options.deliveryId,
    event: source === "github" ? (options.event ?? "issues") : undefined,
  });
  const answer = await postDelivery(delivery);
  return { ...answer, delivery, json: answer.body.startsWith("{") ? JSON.parse(answer.body) : undefined };
}

const person = (name: string) => JSON.stringify({ name, age: 30, email: `${name.toLowerCase()}@example.com` });
const issue = (repository: string) => JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: repository } });
const eventsOf = (deliveryId: string) => twin.eventBridge.events.filter((event) => JSON.parse(event.Detail).metadata.deliveryId === deliveryId);
const quarantined = () => twin.sqs.queue(`webhooks-test-quarantine`).messages.map((m) => readQuarantineAttributes(m.messageAttributes));
const stepOf = (messageId: string, step: DeliveryEvent["step"]) => events.find((event) => event.messageId === messageId && event.step === step);

async function quarantineTool(argv: string[]): Promise<string> {
  const lines: string[] = [];
  const code = await quarantine(argv, { sqs, outputs: async () => twin.outputs(), print: (line) => lines.push(line) });
  expect(code).toBe(0);
  return lines.join("\n");
}

/** Waits until a secret read afresh at `since` may be read afresh again. */
const refreshAllowedAfter = (since: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, since + SECRET_REFRESH_SECONDS * 1000 + 100 - Date.now())));

describe("rotation and release", () => {
  it("after a mistyped secret is fixed, `quarantine release` processes every genuine delivery exactly once; forged ones return to the quarantine", async () => {
    const genuine = await Promise.all(["gh-r1", "gh-r2", "gh-r3"].map((id) => send("github", issue(`octo/${id}`), GITHUB_SECRET, { deliveryId: id })));
    const forged = await send("github", issue("octo/forged"), "a forger's secret", { deliveryId: "gh-forged" });
    // A sender that switched to its new secret before the operator stored it.
    const early = await send("users", person("Early"), "users-new-key");
    expect([...genuine, forged, early].map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await twin.drained();
    const rejectedAt = Date.now();
    for (const answer of [...genuine, forged, early]) expect(stepOf(answer.json.messageId, "rejected")).toMatchObject({ reason: "signature-mismatch" });
    expect(eventsOf("gh-r1")).toEqual([]);

    const listed = await quarantineTool(["peek", "--reason", "signature-mismatch"]);
    expect(listed.split("\n")).toHaveLength(5);
    expect(listed).not.toContain("sha256=");

    storeSecrets({ users: ["users-new-key", "users-key"], github: GITHUB_SECRET, partners: "partners-old" });
    // The validate function read both secrets afresh when their deliveries mismatched: its next
    // fresh read comes SECRET_REFRESH_SECONDS later (README: Rotate a secret).
    await refreshAllowedAfter(rejectedAt);
    expect(await quarantineTool(["release", "--reason", "signature-mismatch"])).toContain("5 deliveries sent back for verification");
    await twin.drained();
    for (const id of ["gh-r1", "gh-r2", "gh-r3"]) expect(eventsOf(id)).toHaveLength(1);
    expect(twin.eventBridge.events.filter((e) => e.Detail.includes('"Early"'))).toHaveLength(1);
    expect(quarantined().map((q) => [q.deliveryId, q.reason])).toEqual([["gh-forged", "signature-mismatch"]]);

    // Releasing everything again changes nothing: the forged one comes back, nothing is processed twice.
    await quarantineTool(["release"]);
    await twin.drained();
    expect(quarantined().map((q) => q.deliveryId)).toEqual(["gh-forged"]);
    for (const id of ["gh-r1", "gh-r2", "gh-r3"]) expect(eventsOf(id)).toHaveLength(1);
  }, 60_000);

  it("processes once a delivery quarantined twice (a validate result lost after it quarantined): a release sends one copy back and removes the other", async () => {
    // The sender switched to a secret not stored yet: rejected, a mistake on our side to release later.
    const rejectedAt = Date.now();
    const answer = await send("github", issue("octo/twice"), "gh-next-secret", { deliveryId: "gh-twice" });
    await twin.drained();
    expect(stepOf(answer.json.messageId, "rejected")).toMatchObject({ reason: "signature-mismatch" });
    // The second copy, as the validate step leaves one when its result is lost after it ran: the same envelope and attributes.
    const quarantine = twin.sqs.queue("webhooks-test-quarantine");
    const first = quarantine.messages.find((m) => m.body.includes(answer.json.requestId))!;
    await sqs.send(new SendMessageCommand({ QueueUrl: twin.outputs()["quarantine-queue-url"], MessageBody: first.body, MessageAttributes: first.messageAttributes }));
    expect(quarantined().filter((q) => q.deliveryId === "gh-twice")).toHaveLength(2);

    storeSecrets({ users: ["users-new-key", "users-key"], github: ["gh-next-secret", GITHUB_SECRET], partners: "partners-old" });
    await refreshAllowedAfter(rejectedAt);
    const output = await quarantineTool(["release", "--id", "gh-twice"]);
    expect(output).toContain("removed a second copy of github gh-twice: its twin was sent back");
    expect(output).toContain("1 delivery sent back for verification");
    await twin.drained();
    expect(eventsOf("gh-twice")).toHaveLength(1);
    expect(quarantined().filter((q) => q.deliveryId === "gh-twice")).toEqual([]);
  });

  it("loses nothing when a sender switches to the new secret before the old one is removed", async () => {
    const before = await send("partners", person("Before"), "partners-old");
    storeSecrets({ users: ["users-new-key", "users-key"], github: GITHUB_SECRET, partners: ["partners-new", "partners-old"] });
    // The validate function still holds the old secret in its cache; the mismatch reads it afresh.
    const switched = await send("partners", person("Switched"), "partners-new");
    const late = await send("partners", person("Late"), "partners-old");
    await twin.drained();
    // Only once the sender signs with the new secret alone is the old one removed.
    storeSecrets({ users: ["users-new-key", "users-key"], github: GITHUB_SECRET, partners: "partners-new" });
    const after = await send("partners", person("After"), "partners-new");
    await twin.drained();
    for (const answer of [before, switched, late, after]) expect(stepOf(answer.json.messageId, "processed")).toBeDefined();
    expect(quarantined().filter((q) => q.source === "partners")).toEqual([]);
  });
});

describe("exact bytes", () => {
  it("processes a validly signed GitHub delivery whose body holds bytes that are not UTF-8", async () => {
    const body = Buffer.concat([Buffer.from('{"action":"opened","note":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","repository":{"id":7,"full_name":"octo/bytes"}}')]);
    const answer = await send("github", body, GITHUB_SECRET, { deliveryId: "gh-bytes" });
    expect(answer.status).toBe(200);
    await twin.drained();
    expect(stepOf(answer.json.messageId, "verified")).toBeDefined();
    expect(eventsOf("gh-bytes")).toHaveLength(1);
  });
});

describe("replays", () => {
  it("quarantines the same users request sent twice, and a GitHub body re-sent under a new delivery id and event", async () => {
    const first = await send("users", person("Once"), "users-new-key");
    await twin.drained();
    const again = await postDelivery(first.delivery);
    const signedBody = issue("octo/replayed");
    const genuine = await send("github", signedBody, GITHUB_SECRET, { deliveryId: "gh-original", event: "issues" });
    await twin.drained();
    const replayed = await send("github", signedBody, GITHUB_SECRET, { deliveryId: "gh-replayed", event: "release" });
    await twin.drained();
    expect(stepOf(first.json.messageId, "processed")).toBeDefined();
    expect(stepOf(JSON.parse(again.body).messageId, "rejected")).toMatchObject({ reason: "replay" });
    expect(stepOf(genuine.json.messageId, "processed")).toBeDefined();
    expect(stepOf(replayed.json.messageId, "rejected")).toMatchObject({ reason: "replay" });
    expect(twin.eventBridge.events.filter((e) => e.Detail.includes('"Once"'))).toHaveLength(1);
    expect(twin.eventBridge.events.filter((e) => e.DetailType === "release")).toEqual([]);
    expect(quarantined().filter((q) => q.reason === "replay").map((q) => q.deliveryId)).toEqual([JSON.parse(again.body).requestId, "gh-replayed"]);
  });
});

describe("floods", () => {
  it("answers 500 unsigned requests on one source at the edge, and a genuine delivery on another is accepted", async () => {
    const queuedBefore = events.filter((e) => e.step === "accepted").length;
    const statuses: number[] = [];
    for (let at = 0; at < 500; at += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => fetch(twin.outputs()["endpoint-users"], { method: "POST", headers: { "content-type": "application/json" }, body: person("Flood") })),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    const genuine = await send("github", issue("octo/after-flood"), GITHUB_SECRET, { deliveryId: "gh-after-flood" });
    expect(genuine.status).toBe(200);
    // Unsigned: 400 from the request validator while the route's bucket lasts, 429 after; none queued.
    expect(new Set(statuses)).toEqual(new Set([400, 429]));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(400);
    expect(events.filter((e) => e.step === "accepted").length - queuedBefore).toBe(1);
    await twin.drained();
    expect(eventsOf("gh-after-flood")).toHaveLength(1);
  });
});

describe("hostile payloads", () => {
  it(`quarantines a deeply nested body alone, while its batch-mates (batch size ${BATCH_SIZE}) are processed`, async () => {
    // The deepest that fits this stack's largest message (a 50,000-level body needs 100 KB: see docs/senders.md).
    const deep = `{"action":"opened","x":${"[".repeat(15_000)}${"]".repeat(15_000)}}`;
    const batch = await Promise.all([
      send("github", deep, GITHUB_SECRET, { deliveryId: "gh-deep" }),
      ...["m1", "m2", "m3"].map((id) => send("github", issue(`octo/${id}`), GITHUB_SECRET, { deliveryId: `gh-mate-${id}` })),
    ]);
    expect(batch.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await twin.drained();
    expect(stepOf(batch[0].json.messageId, "rejected")).toMatchObject({ reason: "invalid-payload" });
    expect(quarantined().find((q) => q.deliveryId === "gh-deep")).toMatchObject({ detail: "body nests deeper than 64 levels" });
    for (const id of ["m1", "m2", "m3"]) expect(eventsOf(`gh-mate-${id}`)).toHaveLength(1);
    // No batch failed: the mates were received once.
    expect(events.filter((e) => e.step === "batch-failed")).toEqual([]);
    for (const answer of batch) expect(events.filter((e) => e.messageId === answer.json.messageId && e.step === "received")).toHaveLength(1);
  });
});

