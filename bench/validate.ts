/**
 * Verifications per second of the bundled validate handler (from its zip) on batches of 10 GitHub
 * deliveries, against plain `crypto.createHmac` over the same bytes, on this machine. Each verified
 * delivery also claims its signed content against replays, in dynalite here (DynamoDB on AWS).
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { ENVELOPE_VERSION, type Envelope } from "../delivery/envelope";
import { github } from "../senders/signing/github";
import { SOURCES_ENV } from "../delivery/source-settings";
import { VALIDATE_ENV } from "../delivery/validate-settings";
import { localAws } from "../local/local-aws";
import { bundleHandler } from "../stacks/lambda-bundle";

const SECRET = "bench-github-secret";
/** A bench source's secret, as the stack would name it. */
export const secretArn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/bench/${source}-AbCdEf`;
const SECRET_ARN = secretArn("github");
const BATCH = 10;

/** A GitHub-like JSON body of about `size` bytes, the `i`th of a batch: each delivery has its own. */
function body(size: number, i = 0): Buffer {
  const filler = "x".repeat(Math.max(0, size - 120));
  return Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: i }, repository: { id: 7, full_name: "octo/hello" }, filler }));
}

/** The pipe's record of the `i`th GitHub delivery of `payload`, signed with `secret`, as the API queues it. */
export function githubRecord(payload: Buffer, secret: string, i = 0): { messageId: string; body: string } {
  const envelope: Envelope = {
    v: ENVELOPE_VERSION,
    source: "github",
    deliveryId: `d-${i}`,
    receivedAt: Date.now(),
    requestId: `r-${i}`,
    sourceIp: "203.0.113.7",
    url: "https://example.com/v1/webhooks/github",
    contentType: "application/json",
    headers: github.sign({ body: payload, url: "", timestamp: 0, id: "" }, { scheme: "github" }, secret),
    body: payload.toString("base64"),
  };
  return { messageId: `m-${i}`, body: JSON.stringify(envelope) };
}

/** A batch of distinct deliveries; sent again, each is the same delivery again (not a replay). */
function records(size: number) {
  return Array.from({ length: BATCH }, (_, i) => githubRecord(body(size, i), SECRET, i));
}

async function perSecond(run: () => unknown, perRun: number, seconds: number): Promise<number> {
  for (let i = 0; i < 50; i++) await run();
  let runs = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < until) {
    await run();
    runs++;
  }
  return (runs * perRun) / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** The bench's local quarantine queue and idempotency table. */
export const QUARANTINE = "bench-quarantine";
export const TABLE = "bench-idempotency";

/** One body size's figures: the handler's verifications per second, and createHmac's over the same bytes. */
export interface ThroughputFigures {
  readonly sizeKiB: number;
  readonly handlerPerSecond: number;
  readonly hmacPerSecond: number;
}

/** Runs each size for `seconds`, in this process: the handler's requests go to local endpoints it serves. */
export async function validateThroughput(seconds: number): Promise<ThroughputFigures[]> {
  // The handler's AWS calls on every verification: the replay claim (dynalite), and the quarantine.
  const aws = await localAws({ secrets: { [SECRET_ARN]: SECRET }, queues: [QUARANTINE], tables: [{ name: TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }] });
  const dir = mkdtempSync(path.join(tmpdir(), "bench-"));
  writeFileSync(path.join(dir, "index.js"), unzipSync(readFileSync(bundleHandler("handlers/validate.ts").zipPath))["index.js"]);
  Object.assign(process.env, {
    [SOURCES_ENV]: JSON.stringify({ github: { schema: "github", secretId: SECRET_ARN, verification: { scheme: "github" } } }),
    ...aws.env,
    [VALIDATE_ENV.quarantineQueueUrl]: aws.sqs.url(QUARANTINE),
    [VALIDATE_ENV.replayClaimsTable]: TABLE,
    [VALIDATE_ENV.replayWindowSeconds]: "86400",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIATEST",
    AWS_SECRET_ACCESS_KEY: "test",
    POWERTOOLS_LOG_LEVEL: "WARN",
    POWERTOOLS_METRICS_NAMESPACE: "Webhooks/bench",
  });
  const { handler } = (await import(path.join(dir, "index.js"))) as { handler: (event: unknown) => Promise<{ items: { outcome: string }[] }> };
  const figures: ThroughputFigures[] = [];
  // The handler still writes its metrics (EMF lines) as it would on Lambda; the bench drops them.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true);
  try {
    for (const size of [1024, 64 * 1024]) {
      const payload = body(size);
      const batch = records(size);
      const check = (await handler(batch)).items;
      if (check.some((item: { outcome: string }) => item.outcome !== "verified")) throw new Error("bench batch did not verify");
      figures.push({
        sizeKiB: size / 1024,
        handlerPerSecond: await perSecond(() => handler(batch), BATCH, seconds),
        hmacPerSecond: await perSecond(() => createHmac("sha256", SECRET).update(payload).digest(), 1, seconds),
      });
    }
  } finally {
    process.stdout.write = write;
    await aws.close();
  }
  return figures;
}
