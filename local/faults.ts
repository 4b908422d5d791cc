import { closest } from "../delivery/zod-issues";
import { AwsServiceError } from "./aws-json-protocol";

/**
 * Faults the twin injects, on a schedule, to rehearse an outage and its recovery: a service that
 * answers errors for a while, entirely or for a share of its calls, as AWS's do. Each is written
 * `<target>[:<error>]@<from>[+<for>][~<share>]`, times in seconds (`30s`) or minutes (`2m`) of the
 * queues' clock since the twin started:
 *
 *   eventbridge@30s+60s            PutEvents fails for a minute, half a minute in
 *   dynamodb:throttle@0s+5s~0.5    half of DynamoDB's calls are throttled for 5 s
 *   validate-after@10s             the validate function's results are lost (after it ran), from 10 s on
 */

/** What can fail, and how it fails when it does. */
export const FAULT_TARGETS = {
  eventbridge: "EventBridge's PutEvents call fails",
  "eventbridge-entries": "PutEvents answers, but its entries fail (FailedEntryCount)",
  secretsmanager: "Secrets Manager's GetSecretValue fails",
  dynamodb: "every DynamoDB call fails (the idempotency records and the replay claims)",
  quarantine: "SendMessage to the quarantine queue fails",
  queue: "API Gateway's SendMessage to the deliveries queue fails: the sender gets 503",
  payloads: "S3 fails: a stored route's PutObject (the sender gets 503) and the functions' reads of stored bodies (retried)",
  "validate-before": "the validate function fails before its handler runs (a throttle, a sandbox that would not start)",
  "validate-after": "the validate function ran, but its result is lost (a timeout after the work)",
  "process-before": "the process function fails before its handler runs",
  "process-after": "the process function ran, but its result is lost",
} as const;

export type FaultTarget = keyof typeof FAULT_TARGETS;

/** How a failing call answers: a 5xx, or a throttle, which SDKs also retry. */
export const FAULT_ERRORS = ["500", "503", "throttle"] as const;
export type FaultError = (typeof FAULT_ERRORS)[number];

export interface Fault {
  readonly target: FaultTarget;
  readonly error: FaultError;
  /** When it starts, in seconds of the queues' clock since the twin started. */
  readonly fromSeconds: number;
  /** How long it lasts, in seconds. @default Infinity */
  readonly forSeconds: number;
  /** The share of calls that fail while it lasts, 0 to 1. @default 1 */
  readonly share: number;
}

/** Raised for a fault written wrongly; the message says what is wrong and how to write one. */
export class FaultSpecError extends Error {}

const SPEC = /^([a-z-]+)(?::([a-z0-9]+))?@(\d+(?:\.\d+)?)(s|m)(?:\+(\d+(?:\.\d+)?)(s|m))?(?:~(0(?:\.\d+)?|1(?:\.0+)?))?$/;
const seconds = (value: string, unit: string) => Number(value) * (unit === "m" ? 60 : 1);

/** Reads one fault as written on the command line. */
export function parseFault(text: string): Fault {
  const match = SPEC.exec(text.trim());
  const how = "write <target>[:<error>]@<from>[+<for>][~<share>], such as eventbridge@30s+60s or dynamodb:throttle@0s+5s~0.5";
  if (!match) throw new FaultSpecError(`"${text}": ${how}`);
  const [, target, error = "503", from, fromUnit, duration, durationUnit, share] = match;
  const problems: string[] = [];
  const unknown = (what: string, value: string, known: readonly string[]) => {
    const meant = closest(value, known);
    return `unknown ${what} "${value}"${meant ? `; did you mean "${meant}"?` : ""} (the ${what}s: ${known.join(", ")})`;
  };
  if (!(target in FAULT_TARGETS)) problems.push(unknown("target", target, Object.keys(FAULT_TARGETS)));
  if (!(FAULT_ERRORS as readonly string[]).includes(error)) problems.push(unknown("error", error, FAULT_ERRORS));
  if (problems.length > 0) throw new FaultSpecError(`"${text}": ${problems.join("; ")}`);
  return {
    target: target as FaultTarget,
    error: error as FaultError,
    fromSeconds: seconds(from, fromUnit),
    forSeconds: duration === undefined ? Infinity : seconds(duration, durationUnit),
    share: share === undefined ? 1 : Number(share),
  };
}

/** A fault as written: what `parseFault` reads back. */
export function describeFault(fault: Fault): string {
  const span = Number.isFinite(fault.forSeconds) ? `+${fault.forSeconds}s` : "";
  return `${fault.target}:${fault.error}@${fault.fromSeconds}s${span}${fault.share < 1 ? `~${fault.share}` : ""}`;
}

/** A small seeded generator (mulberry32): the same seed fails the same calls. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Calls the faults made fail, by target, and when (seconds since the start). */
export interface InjectedFailure {
  readonly target: FaultTarget;
  readonly at: number;
}

/**
 * The faults in force, on the twin's clock. `fails(target)` says whether this call of `target`
 * fails, and records it: the soak ties every retry that exhausted a delivery to the faults that
 * caused it.
 */
export class FaultSchedule {
  readonly injected: InjectedFailure[] = [];
  private startedAt: number;
  private readonly random: () => number;

  constructor(
    readonly faults: readonly Fault[],
    private readonly now: () => number,
    seed = 1,
  ) {
    this.startedAt = now();
    this.random = seededRandom(seed);
  }

  /** Counts the schedule from now on (the soak counts it from its first delivery). */
  restart(): void {
    this.startedAt = this.now();
  }

  /** Seconds since the twin started, on its queues' clock. */
  elapsed(): number {
    return this.now() - this.startedAt;
  }

  /** The fault that makes this call of `target` fail, if one does. */
  fails(target: FaultTarget): Fault | undefined {
    const at = this.elapsed();
    const fault = this.faults.find((f) => f.target === target && at >= f.fromSeconds && at < f.fromSeconds + f.forSeconds);
    if (!fault || (fault.share < 1 && this.random() >= fault.share)) return undefined;
    this.injected.push({ target, at });
    return fault;
  }

  /** Throws, as the AWS service would answer, when this call of `target` fails. */
  throwIfFailing(target: FaultTarget, service: string): void {
    const fault = this.fails(target);
    if (fault) throw faultError(fault, service);
  }

  /** The last moment any fault is in force, in seconds since the start; 0 with none. */
  lastsUntil(): number {
    return Math.max(0, ...this.faults.map((f) => f.fromSeconds + f.forSeconds));
  }

  /** When the last fault ends, on the queues' clock (to move a fast-forwarded clock past it); undefined while one never ends. */
  endsAt(): number | undefined {
    const until = this.lastsUntil();
    return Number.isFinite(until) ? this.startedAt + until : undefined;
  }
}

/** A fault's error as `service` answers it, so that SDKs treat it as they would AWS's. */
export function faultError({ error }: Fault, service: string): AwsServiceError {
  if (error === "throttle") {
    const type = service === "dynamodb" ? "ProvisionedThroughputExceededException" : "ThrottlingException";
    return new AwsServiceError(type, `Rate exceeded (a fault injected into the local twin)`, 400);
  }
  const type = { dynamodb: "InternalServerError", secretsmanager: "InternalServiceError", eventbridge: "InternalException", sqs: "InternalError" }[service] ?? "InternalFailure";
  return new AwsServiceError(type, `${service} is unavailable (a fault injected into the local twin)`, Number(error));
}
