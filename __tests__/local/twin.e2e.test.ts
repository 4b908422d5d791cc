import * as path from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { Testing } from "cdktf";
import { rawBody, parseEnvelope } from "../../delivery/envelope";
import type { DeliveryEvent } from "../../local/delivery-path";
import { postDelivery, signDelivery, sourcesOfStack } from "../../local/sender";
import { LocalTwin } from "../../local/twin";
import { dlq } from "../../scripts/dlq";
import { send as sendCommand } from "../../scripts/send";
import { WebhookStack } from "../../stacks/webhook-stack";
import { bodyRoutes, parseWebhookConfig } from "../../stacks/config";
import { allInline } from "../support/inline";

/**
 * End to end on the local twin of a synthesized stack: real HTTP requests signed as the senders
 * sign them, through the stack's own API templates and models, queue, pipe, state machine and
 * bundled functions. Faults are injected at the AWS endpoints only.
 */
const SECRETS = { users: "users-signing-key", github: "It's a Secret to Everybody" };
const CONFIG = allInline({
  environment: "test",
  sources: { users: { schema: "users", verification: { scheme: "hmac" } }, github: { schema: "github", verification: { scheme: "github" } } },
  // The load below is not a throttling test. Senders of this stack are given a custom domain.
  api: {
    throttlingRateLimit: 10_000,
    throttlingBurstLimit: 5_000,
    customDomain: { domainName: "hooks.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", basePath: "" },
  },
});
const outdir = Testing.fullSynth(new WebhookStack(Testing.app(), "twin", CONFIG));
const stackDir = path.join(outdir, "stacks", "twin");

const FAIL = "FAIL-ME";
const events: DeliveryEvent[] = [];
let twin: LocalTwin;
beforeAll(async () => {
  twin = await LocalTwin.start({ stackDir, port: 0, secrets: SECRETS, fastForward: true, onEvent: (event) => events.push(event) });
  // Processing fails for deliveries the tests mark so: EventBridge refuses their events.
  twin.eventBridge.refuses = (entry) => entry.Detail.includes(FAIL);
}, 60_000);
afterAll(() => twin.stop());

const sources = () => sourcesOfStack(twin.stack);
const endpoint = (source: string) => twin.outputs()[`endpoint-${source}`];
const githubBody = (repository: string) => JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: repository } });

/** Signs and posts a delivery as the sender would, `tamper` changing one byte of the body after signing. */
async function send(source: "users" | "github", body: string, options: { deliveryId?: string; tamper?: boolean; contentType?: string } = {}) {
  const delivery = signDelivery(sources()[source], {
    url: endpoint(source),
    body: Buffer.from(body),
    secret: SECRETS[source],
    deliveryId: options.deliveryId,
    event: source === "github" ? "issues" : undefined,
    contentType: options.contentType,
  });
  const sent = options.tamper ? { ...delivery, body: Buffer.from(body.replace("octo", "octa")) } : delivery;
  const answer = await postDelivery(sent);
  return { ...answer, json: answer.body.startsWith("{") ? JSON.parse(answer.body) : undefined };
}

const stepsOf = (messageId: string) => events.filter((event) => event.messageId === messageId).map((event) => event.step);
const busEventsFor = (deliveryId: string) => twin.eventBridge.events.filter((event) => JSON.parse(event.Detail).metadata.deliveryId === deliveryId);
const maxReceiveCount = () => twin.sqs.queues.get(twin.queueName)!.props.redrive!.maxReceiveCount;

describe("the local twin, end to end", () => {
  it("gives its own address as every endpoint, never the stack's custom domain", () => {
    expect(twin.outputs()).toMatchObject({ "endpoint-users": `${twin.url}/v1/webhooks/users`, "endpoint-github": `${twin.url}/v1/webhooks/github` });
    expect(twin.outputs()["queue-url"]).toBe(`${twin.url}/000000000000/webhooks-test-deliveries`);
  });

  it("accepts a signed delivery with 200 and a message id, verifies it and processes it once, even when it comes twice", async () => {
    const first = await send("github", githubBody("octo/one"), { deliveryId: "gh-once" });
    const again = await send("github", githubBody("octo/one"), { deliveryId: "gh-once" });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.json.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.json.messageId).not.toBe(first.json.messageId);
    await twin.drained();
    expect(stepsOf(first.json.messageId)).toEqual(["accepted", "received", "verified", "processed"]);
    expect(stepsOf(again.json.messageId)).toEqual(["accepted", "received", "verified", "processed"]);
    expect(busEventsFor("gh-once")).toHaveLength(1);
    expect(busEventsFor("gh-once")[0]).toMatchObject({ Source: "webhooks.github", DetailType: "issues" });
  });

  it("rejects a tampered delivery once and never retries it", async () => {
    const forged = await send("github", githubBody("octo/forged"), { deliveryId: "gh-forged", tamper: true });
    expect(forged.status).toBe(200);
    await twin.drained();
    expect(stepsOf(forged.json.messageId)).toEqual(["accepted", "received", "rejected"]);
    expect(events.find((event) => event.messageId === forged.json.messageId && event.step === "rejected")).toMatchObject({ reason: "signature-mismatch" });
    expect(busEventsFor("gh-forged")).toEqual([]);
  });

  it("retries a failing delivery until maxReceiveCount, keeps its raw body byte-identical in the DLQ, and processes it once redriven", async () => {
    const body = githubBody(`octo/${FAIL}`);
    const doomed = await send("github", body, { deliveryId: "gh-doomed" });
    await twin.drained();
    const steps = stepsOf(doomed.json.messageId);
    expect(steps.filter((step) => step === "received")).toHaveLength(maxReceiveCount());
    expect(steps.filter((step) => step === "processing-failed")).toHaveLength(maxReceiveCount());
    expect(steps.at(-1)).toBe("dead-lettered");

    // The operator's tool, on the twin's SQS endpoint, as `npm run dlq -- --local` runs it.
    const sqs = new SQSClient({ endpoint: twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
    const lines: string[] = [];
    const tool = (argv: string[]) => dlq(argv, { sqs, outputs: async () => twin.outputs(), print: (line) => lines.push(line), twinUrl: twin.url });
    expect(await tool(["peek", "--body"])).toBe(0);
    const peeked = JSON.parse(lines.pop()!);
    // Receiving counts, in the DLQ too: the peek itself is one more receive. The twin says why it failed.
    expect(peeked).toMatchObject({ messageId: doomed.json.messageId, deliveryId: "gh-doomed", receiveCount: maxReceiveCount() + 1, body, lastFailure: "Error: EventBridge did not take the event: InternalFailure" });
    const [resting] = twin.sqs.queue(`${twin.queueName}-dlq`).messages;
    expect(rawBody(parseEnvelope(resting.body)).equals(Buffer.from(body))).toBe(true);

    twin.eventBridge.refuses = () => false;
    try {
      expect(await tool(["redrive"])).toBe(0);
      expect(lines.pop()).toMatch(/follow it with `npm run dlq -- status --local`\.$/);
      await twin.drained();
    } finally {
      twin.eventBridge.refuses = (entry) => entry.Detail.includes(FAIL);
    }
    expect(busEventsFor("gh-doomed")).toHaveLength(1);
    expect(twin.sqs.queue(`${twin.queueName}-dlq`).messages).toEqual([]);
    expect(await tool(["status"])).toBe(0);
    expect(JSON.parse(lines.pop()!)).toMatchObject({ status: "COMPLETED", moved: 1 });
    sqs.destroy();
  });

  it("quarantines a signed body nested 50,000 levels deep, which parses but could not be passed on", async () => {
    const deep = await send("github", `{"action":"opened","x":${"[".repeat(50_000)}${"]".repeat(50_000)}}`, { deliveryId: "gh-50k" });
    expect(deep.status).toBe(200);
    await twin.drained();
    expect(stepsOf(deep.json.messageId)).toEqual(["accepted", "received", "rejected"]);
    const [kept] = twin.sqs.queue("webhooks-test-quarantine").messages.filter((m) => m.messageAttributes.deliveryId?.StringValue === "gh-50k");
    expect(kept.messageAttributes.detail.StringValue).toBe("body nests deeper than 64 levels");
  });

  it("answers an invalid body 400 with the validation errors, and queues nothing", async () => {
    const answer = await send("users", JSON.stringify({ name: 7, age: 30 }));
    expect(answer.status).toBe(400);
    expect(answer.json.message).toBe("The body does not match the source's schema");
    expect(answer.json.errors).toContain("/name: must be string");
    expect(answer.json.errors).toContain("must have required property 'email'");
    expect(twin.sqs.queue(twin.queueName).messages).toEqual([]);
  });

  it("answers an unsupported content type 415, an oversized body 413, and an SQS failure 503", async () => {
    const valid = JSON.stringify({ name: "Big", age: 40, email: "big@example.com" });
    expect((await send("users", valid, { contentType: "text/plain" })).status).toBe(415);

    // Larger than the queue's maximum message size once in its envelope (about 4/3 of the body).
    const oversized = await send("github", JSON.stringify({ action: "opened", filler: "x".repeat(200 * 1024) }));
    expect(oversized.status).toBe(413);
    // The answer names the route's limit, which a body of its size would fit.
    const limit = bodyRoutes(parseWebhookConfig(CONFIG)).github.maxBodyBytes;
    expect(oversized.json).toMatchObject({ message: `The delivery is larger than the ${limit} bytes this endpoint accepts`, maxBodyBytes: limit });
    expect(limit).toBeLessThan(200 * 1024);
    // Larger than API Gateway takes at all.
    const huge = await fetch(endpoint("users"), { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(10 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);

    twin.sqs.refusesSend = () => true;
    try {
      const refused = await send("users", valid);
      expect(refused.status).toBe(503);
      expect(refused.json.message).toBe("The delivery could not be queued; retry later");
    } finally {
      twin.sqs.refusesSend = () => false;
    }
    expect(twin.sqs.queue(twin.queueName).messages).toEqual([]);
  });
});

describe("a fault of the twin itself", () => {
  it("is answered 500, as API Gateway answers its own faults, and the twin keeps serving", async () => {
    const valid = JSON.stringify({ name: "Ann", age: 30, email: "a@example.com" });
    twin.sqs.refusesSend = () => {
      throw new Error("a bug in the twin");
    };
    try {
      const answer = await send("users", valid);
      expect([answer.status, answer.json]).toEqual([500, { message: "Internal server error" }]);
      expect(events.at(-1)).toMatchObject({ step: "refused", status: 500, error: "the twin failed: a bug in the twin" });
    } finally {
      twin.sqs.refusesSend = () => false;
    }
    expect((await send("users", valid)).status).toBe(200);
    await twin.drained();
  });
});

describe("npm run send, against the twin", () => {
  const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const lines: string[] = [];
    const code = await sendCommand(argv, { CDKTF_OUTDIR: outdir, WEBHOOKS_LOCAL_URL: twin.url, ...env }, (line) => lines.push(line)).catch((error: Error) => error.message);
    return { code, output: lines.join("\n") };
  };

  it("signs a payload with the source's scheme and secret and posts it to the twin's endpoint", async () => {
    const { code, output } = await run(["--source", "github", "--event", "push", "--body", githubBody("octo/sent"), "--delivery-id", "gh-sent"], {
      WEBHOOK_SECRET_GITHUB: SECRETS.github,
    });
    expect(code).toBe(0);
    expect(output).toContain(`POST ${endpoint("github")}`);
    expect(output).toContain("x-github-delivery, x-github-event, x-hub-signature-256");
    expect(output).toMatch(/^200 \{"messageId":/m);
    await twin.drained();
    expect(busEventsFor("gh-sent")).toEqual([expect.objectContaining({ DetailType: "push" })]);
  });

  it("signs with the wrong secret when told to, waits for the verdict, says the twin quarantined it and why, and exits 1", async () => {
    const { code, output } = await run(["--source", "github", "--body", githubBody("octo/wrong"), "--delivery-id", "gh-wrong", "--secret", "not-the-secret"]);
    expect(code).toBe(1);
    expect(output).toMatch(/\nquarantined: signature-mismatch \(npm run quarantine -- peek --local\)$/);
    expect(events.find((event) => event.deliveryId === "gh-wrong" && event.step === "rejected")).toMatchObject({ reason: "signature-mismatch" });
  });

  it("posts the source's sample payload, naming the sender's usual event, and says it was processed; the same sample again is a replay, a --fresh one is not", async () => {
    const first = await run(["--source", "github", "--delivery-id", "gh-sample"], { WEBHOOK_SECRET_GITHUB: SECRETS.github });
    expect(first).toEqual({ code: 0, output: expect.stringMatching(/^POST .*\/webhooks\/github \(examples\/payloads\/github\.json, \d+ bytes; headers: .*x-github-event.*\n200 .*\nprocessed$/) });
    expect(events.find((event) => event.deliveryId === "gh-sample" && event.step === "processed")).toBeDefined();
    const again = await run(["--source", "github"], { WEBHOOK_SECRET_GITHUB: SECRETS.github });
    expect(again).toEqual({ code: 1, output: expect.stringMatching(/\nquarantined: replay /) });
    const fresh = await run(["--source", "github", "--fresh"], { WEBHOOK_SECRET_GITHUB: SECRETS.github });
    expect(fresh).toEqual({ code: 0, output: expect.stringMatching(/\nprocessed$/) });
  });

  it("follows a delivery that keeps failing through its retries to the DLQ, says why, and exits 1; --no-wait exits on the queue's 200", async () => {
    const failing = await run(["--source", "github", "--body", githubBody(`octo/send-${FAIL}`), "--event", "push"], { WEBHOOK_SECRET_GITHUB: SECRETS.github });
    expect(failing).toEqual({ code: 1, output: expect.stringMatching(/\ndead-lettered: Error: EventBridge did not take the event: InternalFailure \(npm run dlq -- peek --local\)$/) });
    const noWait = await run(["--source", "github", "--body", githubBody("octo/no-wait"), "--event", "push", "--no-wait"], { WEBHOOK_SECRET_GITHUB: SECRETS.github });
    expect(noWait).toEqual({ code: 0, output: expect.stringMatching(/\n200 \{"messageId":"[^"]+","requestId":"[^"]+"\}$/) });
    await twin.drained();
  });

  it("warns that a delivery id cannot be repeated to a source that has none, and sends the delivery anyway", async () => {
    const { code, output } = await run(["--source", "users", "--body", JSON.stringify({ name: "Ann Warned", age: 30, email: "a@example.com" }), "--delivery-id", "u-1"], {
      WEBHOOK_SECRET_USERS: SECRETS.users,
    });
    expect(code).toBe(0);
    expect(output).toMatch(/^warning: users has no delivery id, so each delivery is keyed by its API request id and --delivery-id is not sent/);
    expect(output).not.toMatch(/headers: .*u-1/);
  });

  it("says what is wrong, without sending", async () => {
    expect((await run(["--source", "nobody", "--body", "{}"])).code).toBe('The stack has no source "nobody"; it has: users, github.');
    expect((await run(["--source", "github", "--body", "{}"])).code).toMatch(/^No secret for github: pass --secret, set WEBHOOK_SECRET_GITHUB/);
    expect((await run(["--source", "users", "--event", "push", "--body", "{}"], { WEBHOOK_SECRET_USERS: "k" })).code).toBe("This source's sender names no event type: drop --event.");
    expect((await run(["--source", "github", "--file", "a.json", "--body", "{}"])).code).toMatch(/^--file and --body: give one, not both\nusage: npm run send/);
    expect((await run(["--sorce", "github", "--delivery-idd", "x"])).code).toMatch(
      /^--sorce: unknown option; did you mean --source\?\n--delivery-idd: unknown option; did you mean --delivery-id\?\n--source: needed\ngithub x: unexpected arguments\nusage: npm run send/,
    );
    expect((await run(["--source", "githib", "--body", "{}"])).code).toBe('The stack has no source "githib" (did you mean github?); it has: users, github.');
    expect((await run(["--source", "github", "--body", "{}"], { WEBHOOK_SECRET_GITHUB: "k", WEBHOOKS_LOCAL_URL: "http://127.0.0.1:9" })).code).toMatch(
      /^No local twin answers at http:\/\/127.0.0.1:9/,
    );
  });
});

describe("a mixed load through the local twin", () => {
  it("accounts for every accepted delivery: processed, rejected or in the DLQ; none lost, none processed twice", async () => {
    const kinds = ["valid", "valid", "valid", "valid", "duplicate", "forged", "failing"] as const;
    // 10 of each kind, sent concurrently; the soak (`npm run soak`, 2,000 in .ci/run) accounts at scale.
    const plan = Array.from({ length: 70 }, (_, i) => ({ i, kind: kinds[i % kinds.length] }));
    const deadLettered = new Set(events.filter((e) => e.step === "dead-lettered").map((e) => e.messageId));
    const started = Date.now();
    const accepted: { kind: (typeof kinds)[number]; deliveryId: string; messageId: string }[] = [];
    // Senders post concurrently, as they do.
    for (let at = 0; at < plan.length; at += 25) {
      await Promise.all(
        plan.slice(at, at + 25).map(async ({ i, kind }) => {
          // A duplicate repeats the delivery id of the valid delivery just before it.
          const deliveryId = `load-${kind === "duplicate" ? i - 1 : i}`;
          const repository = kind === "failing" ? `octo/${FAIL}-${i}` : `octo/load-${kind === "duplicate" ? i - 1 : i}`;
          const answer = await send("github", githubBody(repository), { deliveryId, tamper: kind === "forged" });
          expect(answer.status).toBe(200);
          accepted.push({ kind, deliveryId, messageId: answer.json.messageId });
        }),
      );
    }
    await twin.drained();
    const seconds = (Date.now() - started) / 1000;
    console.log(`${plan.length} deliveries through the twin in ${seconds.toFixed(1)} s: ${(plan.length / seconds).toFixed(0)} deliveries/s`);

    const endOf = (messageId: string) => {
      const steps = stepsOf(messageId);
      if (steps.includes("processed")) return "processed";
      if (steps.includes("rejected")) return "rejected";
      if (steps.at(-1) === "dead-lettered") return "dead-lettered";
      return `lost (${steps.join(", ")})`;
    };
    const expected = { valid: "processed", duplicate: "processed", forged: "rejected", failing: "dead-lettered" };
    expect(accepted.filter(({ kind, messageId }) => endOf(messageId) !== expected[kind])).toEqual([]);
    expect(twin.sqs.queue(twin.queueName).messages).toEqual([]);

    const dlqIds = new Set(twin.sqs.queue(`${twin.queueName}-dlq`).messages.map((m) => m.messageId));
    expect(accepted.filter(({ kind }) => kind === "failing").every(({ messageId }) => dlqIds.has(messageId) && !deadLettered.has(messageId))).toBe(true);
    // One event per genuine delivery id, however many times it was sent; none for forged or failing ones.
    const perDelivery = new Map<string, number>();
    for (const event of twin.eventBridge.events) {
      const { deliveryId } = JSON.parse(event.Detail).metadata;
      if (deliveryId.startsWith("load-")) perDelivery.set(deliveryId, (perDelivery.get(deliveryId) ?? 0) + 1);
    }
    const genuine = new Set(accepted.filter(({ kind }) => kind === "valid").map(({ deliveryId }) => deliveryId));
    expect([...perDelivery.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(new Set(perDelivery.keys())).toEqual(genuine);
  }, 300_000);
});
