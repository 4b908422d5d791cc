import * as path from "node:path";
import { Testing } from "cdktf";
import { postDelivery, signDelivery, sourcesOfStack } from "../local/sender";
import { LocalTwin } from "../local/twin";
import { TwinConsole } from "../scripts/console/twin-console";
import { largestMessageFitting } from "../stacks/invariants";
import { WebhookStack } from "../stacks/webhook-stack";

/** The twin's figures: deliveries accepted and carried to the bus per second, and what the functions logged per delivery. */
export interface TwinFigures {
  readonly deliveries: number;
  /** Messages per state machine execution. */
  readonly batchSize: number;
  readonly perSecond: number;
  readonly logBytesPerDelivery: number;
}

const SECRET = "bench-github-secret";

/**
 * GitHub deliveries posted to the twin 25 at a time, as senders post them, until all are processed:
 * the whole path (API template, queue, pipe, state machine, both bundled functions, bus) on this machine.
 */
export async function twinThroughput(deliveries: number, batchSize = 1, options: { console?: boolean } = {}): Promise<TwinFigures> {
  const outdir = Testing.fullSynth(
    new WebhookStack(Testing.app(), "bench", {
      environment: "bench",
      sources: { github: { schema: "github", verification: { scheme: "github" } } },
      api: { throttlingRateLimit: 10_000, throttlingBurstLimit: 5_000 },
      // A larger batch takes smaller messages: a full batch must fit one execution's input.
      pipe: { batchSize },
      queue: { maxMessageSizeBytes: Math.min(225 * 1024, largestMessageFitting(batchSize)) },
    }),
  );
  let logged = 0;
  const twin = await LocalTwin.start({
    stackDir: path.join(outdir, "stacks", "bench"),
    port: 0,
    secrets: { github: SECRET },
    fastForward: true,
    onLog: (line) => (logged += Buffer.byteLength(line) + 1),
  });
  // With the console on, a page's event stream is open and read all along, as a browser would.
  const stream = new AbortController();
  if (options.console) {
    twin.extend(new TwinConsole(twin, () => SECRET));
    void fetch(`${twin.url}/_console/events`, { signal: stream.signal })
      .then(async (response) => {
        for await (const _chunk of response.body!) void _chunk;
      })
      .catch(() => undefined);
  }
  try {
    const settings = sourcesOfStack(twin.stack).github;
    const url = twin.outputs()["endpoint-github"];
    const started = performance.now();
    for (let at = 0; at < deliveries; at += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, deliveries - at) }, async (_, i) => {
          const body = Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: at + i }, repository: { id: 7, full_name: "octo/bench" } }));
          const answer = await postDelivery(signDelivery(settings, { url, body, secret: SECRET, deliveryId: `bench-${at + i}`, event: "issues" }));
          if (answer.status !== 200) throw new Error(`the twin answered ${answer.status}: ${answer.body}`);
        }),
      );
    }
    await twin.drained();
    const seconds = (performance.now() - started) / 1000;
    const processed = twin.eventBridge.events.length;
    if (processed !== deliveries) throw new Error(`${processed} of ${deliveries} deliveries reached the bus`);
    return { deliveries, batchSize, perSecond: deliveries / seconds, logBytesPerDelivery: logged / deliveries };
  } finally {
    stream.abort();
    await twin.stop();
  }
}
