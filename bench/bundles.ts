import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { HANDSHAKE_ENV } from "../delivery/handshake-settings";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PROCESS_ENV } from "../delivery/process-settings";
import { replayClaims } from "../handlers/lib/replay-claims";
import { SOURCES_ENV, sourceSettings } from "../delivery/source-settings";
import { VALIDATE_ENV } from "../delivery/validate-settings";
import { localAws } from "../local/local-aws";
import { sourceConfigSchema } from "../stacks/config";
import { bundleHandler } from "../stacks/lambda-bundle";
import { median } from "./child";
import { githubRecord, QUARANTINE, secretArn, TABLE } from "./validate";

const SECRET = "bench-secret";
const QUEUE = "bench-deliveries";

/** One bundle: its zip and code sizes, and a cold start (load, then first invocation) against a bare node's start. */
export interface BundleFigures {
  readonly zipBytes: number;
  readonly codeBytes: number;
  readonly bareNodeMs: number;
  readonly coldStartMs: number;
  readonly loadMs: number;
  readonly firstInvocationMs: number;
}

const settingsOf = (source: string, scheme: string) => sourceSettings(sourceConfigSchema.parse({ schema: "github", verification: { scheme } }), secretArn(source));

/**
 * Each handler's bundle started as Lambda starts an instance, `times` times in fresh processes,
 * interleaved with a bare `node` start: medians. The AWS calls of the first invocation go to local
 * endpoints (dynalite, the twin's SQS, Secrets Manager and EventBridge).
 */
export async function bundleFigures(times: number): Promise<Record<string, BundleFigures>> {
  const aws = await localAws({
    secrets: { [secretArn("github")]: SECRET, [secretArn("meta")]: JSON.stringify({ appSecret: "app-secret", verifyToken: "verify-token" }) },
    queues: [QUEUE, QUARANTINE],
    tables: [{ name: TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }],
  });
  const dynamoDb = new DynamoDBClient({ endpoint: aws.env.AWS_ENDPOINT_URL_DYNAMODB, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  await replayClaims(dynamoDb, TABLE, 86_400)({ key: CLAIM, deliveryId: "d-1", receivedAt: 1 });
  dynamoDb.destroy();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-bundles-"));
  const common = { ...aws.env, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "test", POWERTOOLS_LOG_LEVEL: "WARN", POWERTOOLS_METRICS_NAMESPACE: "Webhooks/bench" };
  const figures: Record<string, BundleFigures> = {};
  try {
    for (const [name, { event, env }] of Object.entries(bundleCases(aws))) {
      figures[name] = await coldStarts(name as keyof typeof ANSWERED, event, { ...process.env, ...common, ...env }, dir, times);
    }
  } finally {
    await aws.close();
  }
  return figures;
}

/** The validate step claims a delivery's content; the process step commits that claim before it runs. */
const CLAIM = "replay#github#bench";

/** Each handler's first event, and its environment. */
function bundleCases(aws: Awaited<ReturnType<typeof localAws>>) {
  return {
    validate: {
      event: [githubRecord(Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } })), SECRET)],
      env: {
        [SOURCES_ENV]: JSON.stringify({ github: settingsOf("github", "github") }),
        [VALIDATE_ENV.quarantineQueueUrl]: aws.sqs.url(QUARANTINE),
        [VALIDATE_ENV.replayClaimsTable]: TABLE,
        [VALIDATE_ENV.replayWindowSeconds]: "86400",
      },
    },
    process: {
      event: { messageId: "m-1", event: { source: "github", deliveryId: "d-1", requestId: "r-1", receivedAt: 1, eventType: "push", payload: { ref: "main" }, claim: CLAIM } },
      env: { [PROCESS_ENV.table]: TABLE, [PROCESS_ENV.expirySeconds]: "86400", [PROCESS_ENV.eventBus]: "bench-events" },
    },
    handshake: {
      event: {
        httpMethod: "GET",
        resource: "/webhooks/meta",
        path: "/webhooks/meta",
        headers: {},
        queryStringParameters: { "hub.mode": "subscribe", "hub.verify_token": "verify-token", "hub.challenge": "1158201444" },
        body: null,
        isBase64Encoded: false,
        requestContext: { requestId: "r-1", requestTimeEpoch: Date.now(), path: "/v1/webhooks/meta", domainName: "abc.execute-api.us-east-1.amazonaws.com", identity: { sourceIp: "203.0.113.7" } },
      },
      env: { [SOURCES_ENV]: JSON.stringify({ meta: settingsOf("meta", "meta") }), [HANDSHAKE_ENV.queueUrl]: aws.sqs.url(QUEUE) },
    },
  } as const;
}

/** What a first invocation answered, as far as the bench looks. */
interface Answer {
  readonly items?: readonly { readonly outcome?: string }[];
  readonly eventId?: unknown;
  readonly statusCode?: number;
  readonly body?: unknown;
}

/** What each first invocation must have answered: the bench measures the real path, not a failure. */
const ANSWERED: Record<"validate" | "process" | "handshake", (result: Answer | undefined) => boolean> = {
  validate: (result) => result?.items?.[0]?.outcome === "verified",
  process: (result) => typeof result?.eventId === "string",
  handshake: (result) => result?.statusCode === 200 && result?.body === "1158201444",
};

/** One bundle's cold starts, `times` of them, each beside a bare `node` start. */
async function coldStarts(name: keyof typeof ANSWERED, event: unknown, env: NodeJS.ProcessEnv, dir: string, times: number): Promise<BundleFigures> {
  const zip = readFileSync(bundleHandler(`handlers/${name}.ts`).zipPath);
  const code = unzipSync(zip)["index.js"];
  const indexPath = path.join(dir, name, "index.js");
  const eventPath = path.join(dir, `${name}.json`);
  mkdirSync(path.dirname(indexPath), { recursive: true });
  writeFileSync(indexPath, code);
  writeFileSync(eventPath, JSON.stringify(event));
  const bare: number[] = [];
  const cold: { wall: number; loadMs: number; firstInvocationMs: number }[] = [];
  for (let i = 0; i < times; i++) {
    let started = performance.now();
    spawnSync(process.execPath, ["-e", ""]);
    bare.push(performance.now() - started);
    started = performance.now();
    // Asynchronous, so that this process can answer the child's AWS calls.
    const out = await runNode([path.join(__dirname, "cold-start.cjs"), indexPath, eventPath], env);
    const wall = performance.now() - started;
    const line = /BENCH_COLD (\{.*\})/.exec(out);
    if (!line) throw new Error(`the ${name} bundle did not start: ${out}`);
    const { loadMs, firstInvocationMs, result } = JSON.parse(line[1]) as { loadMs: number; firstInvocationMs: number; result?: Answer };
    if (!ANSWERED[name](result)) throw new Error(`the ${name} bundle's first invocation answered ${JSON.stringify(result)}`);
    cold.push({ wall, loadMs, firstInvocationMs });
  }
  return {
    zipBytes: zip.length,
    codeBytes: code.length,
    bareNodeMs: median(bare),
    coldStartMs: median(cold.map((c) => c.wall)),
    loadMs: median(cold.map((c) => c.loadMs)),
    firstInvocationMs: median(cold.map((c) => c.firstInvocationMs)),
  };
}

function runNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { env });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(out));
  });
}
