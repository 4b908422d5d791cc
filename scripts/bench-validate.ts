/**
 * Verifications per second of the bundled validate handler (from its zip) on batches of 10 GitHub
 * deliveries, against plain `crypto.createHmac` over the same bytes, on this machine.
 *
 *   npx tsx scripts/bench-validate.ts        (results on stderr; the handler's logs go to stdout)
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { ENVELOPE_VERSION, type Envelope } from "../handlers/lib/envelope";
import { github } from "../handlers/lib/schemes/github";
import { SOURCES_ENV } from "../handlers/lib/source-settings";
import { serveAwsServices } from "../local/aws-json-protocol";
import { LocalSecretsManager } from "../local/secrets-manager";
import { bundleHandler } from "../stacks/lambda-bundle";

const SECRET = "bench-github-secret";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/bench/github-AbCdEf";
const BATCH = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** A GitHub-like JSON body of about `size` bytes. */
function body(size: number): Buffer {
  const filler = "x".repeat(Math.max(0, size - 120));
  return Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" }, filler }));
}

function records(payload: Buffer) {
  return Array.from({ length: BATCH }, (_, i) => {
    const envelope: Envelope = {
      v: ENVELOPE_VERSION,
      source: "github",
      deliveryId: `d-${i}`,
      receivedAt: Date.now(),
      requestId: `r-${i}`,
      sourceIp: "203.0.113.7",
      url: "https://example.com/v1/webhooks/github",
      contentType: "application/json",
      headers: github.sign({ body: payload, url: "", timestamp: 0, id: "" }, { scheme: "github" }, SECRET),
      body: payload.toString("base64"),
    };
    return { messageId: `m-${i}`, body: JSON.stringify(envelope) };
  });
}

async function perSecond(run: () => unknown | Promise<unknown>, perRun: number): Promise<number> {
  for (let i = 0; i < 50; i++) await run();
  let runs = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(SECONDS * 1e9);
  while (process.hrtime.bigint() < until) {
    await run();
    runs++;
  }
  return (runs * perRun) / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function main() {
  const secrets = await serveAwsServices([new LocalSecretsManager(new Map([[SECRET_ARN, SECRET]]))]);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-"));
  writeFileSync(path.join(dir, "index.js"), unzipSync(readFileSync(bundleHandler("handlers/validate.ts").zipPath))["index.js"]);
  Object.assign(process.env, {
    [SOURCES_ENV]: JSON.stringify({ github: { schema: "github", secretArn: SECRET_ARN, verification: { scheme: "github" } } }),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIATEST",
    AWS_SECRET_ACCESS_KEY: "test",
    POWERTOOLS_LOG_LEVEL: "WARN",
    POWERTOOLS_METRICS_NAMESPACE: "Webhooks/bench",
  });
  const { handler } = require(path.join(dir, "index.js"));
  for (const size of [1024, 64 * 1024]) {
    const payload = body(size);
    const batch = records(payload);
    const check = (await handler(batch)).items;
    if (check.some((item: { outcome: string }) => item.outcome !== "verified")) throw new Error("bench batch did not verify");
    const handlerRate = await perSecond(() => handler(batch), BATCH);
    const hmacRate = await perSecond(() => createHmac("sha256", SECRET).update(payload).digest(), 1);
    process.stderr.write(
      `${(payload.length / 1024).toFixed(0)} KiB bodies: handler ${handlerRate.toFixed(0)} verifications/s, ` +
        `createHmac ${hmacRate.toFixed(0)}/s, ratio ${(handlerRate / hmacRate).toFixed(3)}\n`,
    );
  }
  await secrets.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
