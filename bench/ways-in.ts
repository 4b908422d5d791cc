import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { Testing } from "cdktf";
import { postDelivery, signDelivery, sourcesOfStack } from "../local/sender";
import { LocalTwin } from "../local/twin";
import { bodyRoutes, parseWebhookConfig, type WebhookConfigInput } from "../stacks/config";
import { WebhookStack } from "../stacks/webhook-stack";
import { median } from "./child";

/**
 * The ways a delivery's body can reach the pipeline, measured on the twin at the defaults (a batch
 * of 10): the API's SQS integration (inline), its S3 integration (stored, S3's notification queues
 * a pointer), and a Lambda proxy that queues what it is given (the handshake function's route).
 */
export type WayIn = "inline" | "stored" | "proxied";

export interface WayInFigures {
  readonly way: WayIn;
  readonly bodyBytes: number;
  readonly deliveries: number;
  /** Deliveries answered and carried to the bus, per second. */
  readonly perSecond: number;
  /** The sender's wait for its answer, median and 95th percentile, in ms. */
  readonly answerMs: { readonly median: number; readonly p95: number };
  /** The twin's process (API, queues, functions in worker threads) at its largest, in MB. */
  readonly peakRssMb: number;
  /** The largest body the route accepts as built, in bytes (the handshake function queues inline). */
  readonly largestBodyBytes: number;
}

const SECRET = "bench-secret";

function configOf(way: WayIn): WebhookConfigInput {
  const source =
    way === "proxied"
      ? { schema: "json" as const, verification: { scheme: "slack" as const, toleranceSeconds: 300 }, contentTypes: ["application/json" as const], handshake: true }
      : { verification: { scheme: "github" as const }, ...(way === "inline" ? { maxBodyBytes: 1 } : {}) };
  return { environment: "bench", sources: { hook: source }, api: { throttlingRateLimit: 10_000, throttlingBurstLimit: 5_000 } };
}

/** A body of exactly `size` bytes the source's schema takes. */
function bodyOf(way: WayIn, size: number, n: number): Buffer {
  const head =
    way === "proxied"
      ? `{"type":"event_callback","event":{"type":"app_mention"},"n":${n},"padding":"`
      : `{"action":"opened","sender":{"login":"octocat","id":${n}},"repository":{"id":7,"full_name":"octo/bench"},"padding":"`;
  return Buffer.from(head + "x".repeat(Math.max(0, size - head.length - 2)) + '"}');
}

/** Posts `deliveries` bodies of `bodyBytes`, `concurrency` at a time, and follows them to the bus. */
export async function wayInFigures(way: WayIn, deliveries: number, bodyBytes: number, concurrency: number): Promise<WayInFigures> {
  const config = configOf(way);
  const outdir = Testing.fullSynth(new WebhookStack(Testing.app(), "ways", config));
  const twin = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", "ways"), port: 0, secrets: { hook: SECRET }, fastForward: true });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const settings = sourcesOfStack(twin.stack).hook;
    const url = twin.outputs()["endpoint-hook"];
    const waits: number[] = [];
    const started = performance.now();
    for (let at = 0; at < deliveries; at += concurrency) {
      await Promise.all(
        Array.from({ length: Math.min(concurrency, deliveries - at) }, async (_, i) => {
          const delivery = signDelivery(settings, { url, body: bodyOf(way, bodyBytes, at + i), secret: SECRET, deliveryId: `bench-${at + i}`, ...(way === "proxied" ? {} : { event: "issues" }) });
          const sent = performance.now();
          const answer = await postDelivery(delivery);
          waits.push(performance.now() - sent);
          if (answer.status !== 200) throw new Error(`the twin answered ${answer.status}: ${answer.body.slice(0, 200)}`);
        }),
      );
    }
    await twin.drained();
    const seconds = (performance.now() - started) / 1000;
    const processed = twin.eventBridge.events.length;
    if (processed !== deliveries) throw new Error(`${way}: ${processed} of ${deliveries} deliveries reached the bus`);
    waits.sort((a, b) => a - b);
    const route = bodyRoutes(parseWebhookConfig(config)).hook;
    return {
      way,
      bodyBytes,
      deliveries,
      perSecond: deliveries / seconds,
      answerMs: { median: median(waits), p95: waits[Math.min(waits.length - 1, Math.floor(waits.length * 0.95))] },
      peakRssMb: Math.round(peak / 1024 / 1024),
      largestBodyBytes: route.maxBodyBytes,
    };
  } finally {
    clearInterval(sampler);
    await twin.stop();
  }
}

/** `wayInFigures` in a fresh process, so that each one's memory is its own. */
export function wayInFiguresApart(way: WayIn, deliveries: number, bodyBytes: number, concurrency: number): WayInFigures {
  const result = spawnSync(process.execPath, ["-r", "tsx/cjs", __filename, way, String(deliveries), String(bodyBytes), String(concurrency)], {
    cwd: path.resolve(__dirname, ".."),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = (result.stdout ?? "").trim().split("\n").pop() ?? "";
  if (result.status !== 0 || !line.startsWith("{")) throw new Error(`ways-in ${way} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return JSON.parse(line) as WayInFigures;
}

if (require.main === module) {
  const [way, deliveries, bodyBytes, concurrency] = process.argv.slice(2);
  wayInFigures(way as WayIn, Number(deliveries), Number(bodyBytes), Number(concurrency)).then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
