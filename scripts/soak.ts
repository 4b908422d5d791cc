/**
 * The soak: thousands of mixed deliveries (genuine, resent, replayed, forged, schema-invalid) sent
 * to the twin of a stack, as senders and attackers send them, while faults are injected on a seeded
 * schedule and a secret is rotated; then the faults end, the DLQ is redriven, and every delivery is
 * accounted for exactly. Exits 1 on any violation.
 *
 *   npm run soak -- [--n 2000] [--seed 1] [--faults] [--rate 100] [--batch 10] [--concurrency 16] [--json <file>]
 */
import "./lib/node-support";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { App } from "cdktf";
import { readQuarantineAttributes } from "../delivery/quarantine";
import { describeFault, parseFault, type Fault } from "../local/faults";
import { signDelivery, sourcesOfStack, type Delivery } from "../local/sender";
import { LocalTwin } from "../local/twin";
import { largestMessageFitting } from "../stacks/invariants";
import { WebhookStack } from "../stacks/webhook-stack";
import { readCommandLine, reportToolError, wholeNumberAtLeast } from "./lib/command-line";
import { queuesFromOutputs, redrive } from "./lib/dead-letter-queue";
import { accountSoak, SoakLedger, type SentDelivery, type Snapshot, type SoakReport } from "./lib/soak/ledger";
import { SOAK_SOURCES, soakPlan, type PlannedDelivery } from "./lib/soak/plan";
import { printLine } from "./lib/terminal";

const COMMAND_LINE = {
  description:
    "Sends thousands of mixed deliveries to a local twin while faults are injected on a seeded schedule and a secret is rotated, then redrives the DLQ and accounts for every delivery; exits 1 on any violation.",
  usage: "usage: npm run soak -- [--n 2000] [--seed 1] [--faults] [--rate 100 deliveries/s] [--batch 10] [--concurrency 16] [--json <file>]",
  options: {
    n: { type: "string", default: "2000", check: wholeNumberAtLeast(10) },
    seed: { type: "string", default: "1", check: wholeNumberAtLeast(0) },
    faults: { type: "boolean" },
    rate: { type: "string", default: "100", check: wholeNumberAtLeast(1) },
    batch: { type: "string", default: "10", check: wholeNumberAtLeast(1) },
    concurrency: { type: "string", default: "16", check: wholeNumberAtLeast(1) },
    json: { type: "string" },
  },
} as const;

export interface SoakOptions {
  readonly n: number;
  readonly seed: number;
  readonly faults: boolean;
  /** How fast the senders send, in deliveries per second. */
  readonly rate: number;
  /** The pipe's batch size. */
  readonly batchSize: number;
  /** Deliveries in flight from the senders at once. */
  readonly concurrency: number;
  /** Told how far the run is, a line at a time. @default nothing */
  readonly progress?: (line: string) => void;
}

export interface SoakFigures {
  readonly deliveries: number;
  readonly accepted: number;
  /** Accepted deliveries per second of the sending phase. */
  readonly deliveriesPerSecond: number;
  readonly seconds: { readonly sending: number; readonly draining: number; readonly total: number };
  readonly peakMemoryMb: number;
  readonly faults: readonly string[];
}

const SECRETS = { github: "gh-soak-secret", users: "users-soak-secret", stripeOld: "whsec_soak_old", stripeNew: "whsec_soak_new" };
/**
 * The rotation, as docs/deploy-and-plans.md "Rotate a secret" says to make it: the operator stores Stripe's new
 * secret in front of the old at this share of the run, and its senders switch to it this many
 * seconds later (the docs ask for 5).
 */
const ROTATION = { stored: 0.25, switchAfterSeconds: 6 };

/**
 * The faults of a run of `n` deliveries: outages that retries outlast, partial failures and blips,
 * failures lasting longer than the retries (so some deliveries rest in the DLQ), and errors of
 * Secrets Manager across the rotation.
 * Placed by the sending's length (`n` at `rate` a second), on the queues' clock.
 */
export function soakFaults(n: number, rate: number): Fault[] {
  const r = n / rate;
  const at = (share: number) => `${Math.round(share * r)}s`;
  const span = (share: number) => `${Math.max(2, Math.round(share * r))}s`;
  return [
    // Down from just before the new secret is stored until after Stripe's senders switch to it:
    // cached copies lack it, and the refresh a mismatch asks for fails.
    `secretsmanager@${Math.max(0, Math.round(ROTATION.stored * r) - 1)}s+${ROTATION.switchAfterSeconds + 4}s`,
    // Failures on the processing side last long, failing a share of calls, so that they meet
    // traffic however far the pipe lags behind the senders.
    `eventbridge@${at(0.15)}+${span(0.3)}~0.5`,
    `eventbridge-entries@${at(0.5)}+${span(0.3)}~0.3`,
    `dynamodb:throttle@${at(0.1)}+${span(0.05)}~0.3`,
    // Down for two minutes: shorter than the queue's retries (receives 360 s apart), which outlast it.
    `dynamodb@${at(0.9)}+120s`,
    // Failing a tenth of its calls for 20 minutes, longer than three receives: a delivery whose every
    // receive meets a failure rests in the DLQ.
    `dynamodb:500@${at(0.6)}+1200s~0.1`,
    `quarantine@${at(0.3)}+${span(0.4)}~0.5`,
    `queue@${at(0.7)}+${span(0.02)}`,
    `validate-before@0s+${span(1)}~0.01`,
    `validate-after@0s+${span(1)}~0.01`,
    `process-before@0s+${span(1)}~0.01`,
    `process-after@0s+${span(1)}~0.01`,
  ].map(parseFault);
}

/** Runs a soak and accounts for it. */
export async function soak(options: SoakOptions): Promise<{ report: SoakReport; figures: SoakFigures }> {
  const outdir = synthSoakStack(options.batchSize);
  const rotation = new StripeRotation();
  const faults = options.faults ? soakFaults(options.n, options.rate) : [];
  // While deliveries are sent, the queues keep the wall clock, so that every fault window meets
  // traffic; afterwards, the retries' visibility timeouts pass at once.
  const twin = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", "soak"), port: 0, secrets: rotation.secrets, fastForward: false, faults, faultSeed: options.seed });
  const ledger = new SoakLedger();
  twin.extend(ledger);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const started = Date.now();
  const progress = (line: string) => options.progress?.(`${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  ${line}`);
  try {
    const sent = await sendPlan(twin, options, rotation, started, progress);
    const sending = (Date.now() - started) / 1000;
    const { afterFaults, afterRedrive } = await drainAndRedrive(twin, ledger, progress);
    const total = (Date.now() - started) / 1000;
    progress("accounting");
    const report = accountSoak({ sent, queued: ledger.envelopes, afterFaults, afterRedrive, injected: twin.faults.injected });
    const accepted = sent.filter((s) => s.messageId !== undefined).length;
    return {
      report,
      figures: {
        deliveries: options.n,
        accepted,
        deliveriesPerSecond: Math.round((accepted / sending) * 10) / 10,
        seconds: { sending: round(sending), draining: round(total - sending), total: round(total) },
        peakMemoryMb: Math.round(peak / 1024 / 1024),
        faults: faults.map(describeFault),
      },
    };
  } finally {
    clearInterval(sampler);
    await twin.stop();
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Synthesizes the soak's stack (its three sources, no throttle in the way) into a new folder. */
function synthSoakStack(batchSize: number): string {
  const outdir = mkdtempSync(path.join(tmpdir(), "soak-"));
  const app = new App({ outdir });
  new WebhookStack(app, "soak", {
    environment: "soak",
    sources: SOAK_SOURCES,
    api: { throttlingRateLimit: 10_000, throttlingBurstLimit: 5_000 },
    pipe: { batchSize },
    queue: { maxMessageSizeBytes: Math.min(225 * 1024, largestMessageFitting(batchSize)) },
  });
  app.synth();
  return outdir;
}

/** Stripe's secret rotated mid-soak: the new secret stored beside the old, then, a while later, signed with. */
class StripeRotation {
  private stored: string | string[] = SECRETS.stripeOld;
  private storedAt?: number;
  /** The twin's secrets, now. */
  readonly secrets = () => ({ github: SECRETS.github, users: SECRETS.users, stripe: typeof this.stored === "string" ? this.stored : JSON.stringify(this.stored) });

  storeNew(): void {
    this.stored = [SECRETS.stripeNew, SECRETS.stripeOld];
    this.storedAt = Date.now();
  }

  /** What Stripe signs with now: the new secret once it has been stored a while. */
  signingSecret(): string {
    return this.storedAt !== undefined && Date.now() - this.storedAt >= ROTATION.switchAfterSeconds * 1000 ? SECRETS.stripeNew : SECRETS.stripeOld;
  }
}

/** Each planned delivery as its sender sends it: signed afresh, or a resend of one already signed. */
function deliverySigner(twin: LocalTwin, rotation: StripeRotation): (item: PlannedDelivery) => Delivery {
  const sources = sourcesOfStack(twin.stack);
  const signed = new Map<number, Delivery>();
  return (item) => {
    // Stripe signs every attempt afresh (a new `t`, the same event id): its resend is signed now.
    if (item.of !== undefined && item.source !== "stripe") {
      const original = signed.get(item.of)!;
      const idHeader = sources[item.source].deliveryIdHeader;
      return idHeader && item.deliveryIdHeader ? { ...original, headers: { ...original.headers, [idHeader]: item.deliveryIdHeader } } : original;
    }
    const secret = item.kind === "forged" ? "a forger's secret" : item.source === "stripe" ? rotation.signingSecret() : SECRETS[item.source];
    const delivery = signDelivery(sources[item.source], {
      url: twin.outputs()[`endpoint-${item.source}`],
      body: Buffer.from(item.body),
      secret,
      ...(item.deliveryIdHeader ? { deliveryId: item.deliveryIdHeader } : {}),
      ...(item.source === "github" ? { event: "issues" } : {}),
    });
    if (item.of === undefined) signed.set(item.index, delivery);
    return delivery;
  };
}

/** Sends the soak's plan at its rate from `concurrency` senders, rotating Stripe's secret on the way. */
async function sendPlan(twin: LocalTwin, options: SoakOptions, rotation: StripeRotation, started: number, progress: (line: string) => void): Promise<SentDelivery[]> {
  const plan = soakPlan(options.n, options.seed);
  const deliveryOf = deliverySigner(twin, rotation);
  const sent: SentDelivery[] = [];
  let next = 0;
  twin.faults.restart();
  const sender = async () => {
    while (next < plan.length) {
      const item = plan[next++];
      // Senders send at `rate`, each delivery at its moment.
      const due = started + (item.index * 1000) / options.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      if (item.index === Math.floor(ROTATION.stored * options.n)) rotation.storeNew();
      sent.push(await send(twin, item, deliveryOf(item)));
      if (sent.length % Math.max(1, Math.floor(options.n / 10)) === 0) progress(`sent ${sent.length} of ${options.n} (${twin.sqs.queue(twin.queueName).messages.length} on the queue)`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  return sent;
}

/** Drains the queue with retries fast-forwarded, then, the faults over, redrives the DLQ as an operator would and drains again. */
async function drainAndRedrive(twin: LocalTwin, ledger: SoakLedger, progress: (line: string) => void) {
  twin.clock.fastForward = true;
  twin.pipe.wake();
  progress(`draining the queue (${twin.sqs.queue(twin.queueName).messages.length} on it), retries fast-forwarded`);
  await twin.drained();
  const afterFaults = snapshot(twin, ledger);
  progress(`drained; redriving the DLQ's ${afterFaults.deadLetterQueue.length} message(s) now that the faults are over`);
  twin.clock.skipTo((twin.faults.endsAt() ?? twin.clock.now()) + 1);
  const sqs = new SQSClient({ endpoint: twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  await redrive(sqs, queuesFromOutputs(twin.outputs()), {});
  sqs.destroy();
  await twin.drained();
  return { afterFaults, afterRedrive: snapshot(twin, ledger) };
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;

/** A sender's POST, retried as senders retry a 5xx or a 429 (a few times, backing off), given up on any other answer. */
async function send(twin: LocalTwin, planned: PlannedDelivery, delivery: Delivery): Promise<SentDelivery> {
  const answers: number[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const response = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
    const text = await response.text();
    answers.push(response.status);
    // A stored delivery is queued by S3's notification, a moment after the 200.
    if (response.status === 200) return { planned, answers, messageId: await twin.queuedAs(text) };
    if (response.status < 500 && response.status !== 429) break;
    await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
  }
  return { planned, answers };
}

function snapshot(twin: LocalTwin, ledger: SoakLedger): Snapshot {
  const outputs = twin.outputs();
  // A stored delivery's message is a pointer: accounted for as the envelope it stands for.
  const resting = (url: string) =>
    twin.sqs.queue(url.split("/").pop()!).messages.map((m) => ({ body: twin.envelopeOf(m.body) ?? m.body, attributes: readQuarantineAttributes(m.messageAttributes) }));
  return {
    events: [...ledger.events],
    bus: [...twin.eventBridge.events],
    quarantine: resting(outputs["quarantine-queue-url"]),
    deadLetterQueue: resting(outputs["dead-letter-queue-url"]),
    left: twin.sqs.queue(twin.queueName).messages.length,
  };
}

/** The report as Markdown tables: per kind, the DLQ by fault, the faults, the figures, and every violation. */
export function formatSoak(report: SoakReport, figures: SoakFigures): string[] {
  const counts = (record: Readonly<Record<string, number>>) =>
    Object.entries(record)
      .map(([key, count]) => `${key} ${count}`)
      .join(", ") || "-";
  return [
    `Soak: ${figures.deliveries} deliveries, ${figures.accepted} accepted; ${figures.deliveriesPerSecond}/s sending; ` +
      `${figures.seconds.sending} s sending, ${figures.seconds.draining} s draining and redriving, ${figures.seconds.total} s in all; peak memory ${figures.peakMemoryMb} MB.`,
    "",
    "| kind | planned | accepted | refused at the edge | processed | quarantined | DLQ | processed after redrive | quarantined after redrive |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...report.kinds.map(
      (k) =>
        `| ${k.kind} | ${k.planned} | ${k.accepted} | ${counts(k.refused)} | ${k.processed} | ${counts(k.quarantined)} | ${k.deadLettered} | ${k.processedAfterRedrive} | ${k.quarantinedAfterRedrive} |`,
    ),
    "",
    `Faults: ${figures.faults.join(", ") || "none"}.`,
    `Failures injected: ${counts(report.injected)}.`,
    `Retried, by reason: ${counts(report.retried)}.`,
    `In the DLQ after the faults, by the fault that exhausted their retries: ${counts(report.deadLetteredBy)}.`,
    `Events put twice after DynamoDB failed between put and record: ${report.duplicateEvents}; deliveries quarantined twice after a lost validate result: ${report.duplicateQuarantines}.`,
    "",
    report.violations.length === 0 ? "Accounting closed: no violation." : `${report.violations.length} violation(s):`,
    ...report.violations.slice(0, 50).map((v) => `- ${v}`),
  ];
}

async function main(argv: string[]): Promise<number> {
  const { values } = readCommandLine(argv, COMMAND_LINE);
  const { report, figures } = await soak({
    n: Number(values.n),
    seed: Number(values.seed),
    faults: values.faults,
    rate: Number(values.rate),
    batchSize: Number(values.batch),
    concurrency: Number(values.concurrency),
    progress: printLine,
  });
  for (const line of formatSoak(report, figures)) printLine(line);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ figures, report }, null, 2)}\n`);
  return report.violations.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => process.exit(reportToolError(error)),
  );
}
