import { once } from "node:events";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";

const WORKER = path.join(__dirname, "lambda-worker.js");

/** A Lambda function as the stack configures it. */
export interface LocalLambdaFunctionProps {
  readonly functionName: string;
  /** Path of the deployment zip, holding `index.js`. */
  readonly zipPath: string;
  /** The function's environment variables, as deployed, plus the local endpoints. */
  readonly environment: Readonly<Record<string, string>>;
  /** Seconds an invocation may run before Lambda stops it. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Instances that may run at once; further invocations wait. @default 4 */
  readonly concurrency?: number;
  /**
   * The function's reserved concurrency: invocations beyond it are throttled, as Lambda refuses a
   * synchronous invocation (`Lambda.TooManyRequestsException`) rather than queueing it. @default none
   */
  readonly reservedConcurrency?: number;
  /** Receives every line the function writes (its logs and EMF metrics). */
  readonly onLog?: (line: string, functionName: string) => void;
  /**
   * How far the function's clock is ahead of the wall clock, in milliseconds, asked at every
   * invocation: the twin's queues may fast-forward through a visibility timeout, and the time a
   * function sees (caches, idempotency records, claims) must pass with them. @default 0
   */
  readonly clockOffsetMs?: () => number;
}

/** A function error, as Lambda reports it to the caller. */
export class LocalLambdaFunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

/** What an instance answers for one invocation. */
interface Answer {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { readonly errorType: string; readonly errorMessage: string };
}

interface Instance {
  readonly worker: Worker;
  /** Set once the instance has exited. */
  exitCode?: number;
  /** The invocation in flight, if any: an instance runs one at a time. */
  pending?: { readonly id: number; readonly resolve: (answer: Answer) => void; readonly reject: (error: Error) => void };
  readonly ready: Promise<unknown>;
  /** Settles once everything the instance wrote has been read. */
  readonly drained: Promise<unknown>;
  readonly exited: Promise<unknown[]>;
}

/**
 * A Lambda function run locally from its zip: each instance is a worker thread with its own copy of
 * the environment, handling one invocation at a time; a timed-out instance is discarded, as Lambda
 * discards its sandbox. Only Lambda's own variables (region, name, credentials) are added.
 */
export class LocalLambdaFunction {
  private readonly idle: Instance[] = [];
  private readonly waiting: ((instance: Instance) => void)[] = [];
  private readonly all = new Set<Instance>();
  private nextId = 0;
  private running = 0;

  constructor(readonly props: LocalLambdaFunctionProps) {}

  /** Starts one instance ahead of the first invocation, so it does not pay the cold start. */
  async warm(): Promise<void> {
    const instance = this.start();
    await instance.ready;
    this.release(instance);
  }

  async invoke(event: unknown): Promise<unknown> {
    const reserved = this.props.reservedConcurrency;
    if (reserved !== undefined && this.running >= reserved) {
      throw new LocalLambdaFunctionError("Lambda.TooManyRequestsException", "Rate Exceeded. (Service: Lambda, Status Code: 429)");
    }
    this.running++;
    try {
      return await this.invokeInstance(event);
    } finally {
      this.running--;
    }
  }

  private async invokeInstance(event: unknown): Promise<unknown> {
    const instance = await this.acquire();
    const id = this.nextId++;
    const clockOffsetMs = this.props.clockOffsetMs?.() ?? 0;
    const deadline = Date.now() + clockOffsetMs + this.props.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        // An instance that crashed after its last answer fails the next invocation, as a Lambda sandbox does.
        if (instance.exitCode !== undefined) return reject(exitError(instance.exitCode));
        instance.pending = { id, resolve, reject };
        timer = setTimeout(
          () => reject(new LocalLambdaFunctionError("Sandbox.Timedout", `Task timed out after ${this.props.timeoutSeconds.toFixed(2)} seconds`)),
          this.props.timeoutSeconds * 1000,
        );
        instance.worker.postMessage({ id, event, deadline, clockOffsetMs });
      });
      this.release(instance);
      if (answer.error) throw new LocalLambdaFunctionError(answer.error.errorType, answer.error.errorMessage);
      return answer.result;
    } catch (error) {
      if (error instanceof LocalLambdaFunctionError && ["Sandbox.Timedout", "Runtime.ExitError"].includes(error.errorType)) await this.discard(instance);
      throw error;
    } finally {
      instance.pending = undefined;
      clearTimeout(timer);
    }
  }

  /** Shuts every instance down once what it wrote is read. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.all].map(async (instance) => {
        this.all.delete(instance);
        instance.worker.postMessage({ shutdown: true });
        const timer = setTimeout(() => void instance.worker.terminate(), 2000);
        await instance.exited;
        clearTimeout(timer);
        await instance.drained;
      }),
    );
    this.idle.length = 0;
  }

  private start(): Instance {
    const { props } = this;
    const worker = new Worker(WORKER, {
      workerData: { zipPath: props.zipPath, functionName: props.functionName, memoryMb: props.memoryMb },
      env: {
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIALOCAL",
        AWS_SECRET_ACCESS_KEY: "local",
        ...props.environment,
        AWS_LAMBDA_FUNCTION_NAME: props.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(props.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        // The bundle targets nodejs22.x; on an older local Node the SDK would warn, as Lambda never does.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      stdout: true,
      stderr: true,
      // Plain Node, as Lambda runs the bundle: no loader hooks the twin itself was started with (tsx).
      execArgv: [],
    });
    const drained = Promise.all(
      [worker.stdout, worker.stderr].map((stream) => {
        const lines = createInterface({ input: stream });
        lines.on("line", (line) => props.onLog?.(line, props.functionName));
        return once(lines, "close");
      }),
    );
    // What kills the instance is the invocation's error; the twin itself carries on.
    worker.on("error", (error) => props.onLog?.(`${error.name}: ${error.message}`, props.functionName));
    const ready = once(worker, "message");
    // Not events.once: an instance's error event would reject it instead of the exit that follows.
    const exited = new Promise<unknown[]>((resolve) => worker.once("exit", (code) => resolve([code])));
    const instance: Instance = { worker, ready, drained, exited };
    worker.on("message", (message: Answer) => {
      if (instance.pending && instance.pending.id === message.id) instance.pending.resolve(message);
    });
    // A crash (an uncaught error) ends the instance, as it ends a Lambda sandbox, failing what was in flight.
    worker.once("exit", (code) => {
      instance.exitCode = code;
      instance.pending?.reject(exitError(code));
    });
    this.all.add(instance);
    return instance;
  }

  private async acquire(): Promise<Instance> {
    const instance = this.idle.pop();
    if (instance) return instance;
    if (this.all.size < (this.props.concurrency ?? 4)) {
      const started = this.start();
      await started.ready;
      return started;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(instance: Instance): void {
    const next = this.waiting.shift();
    if (next) next(instance);
    else this.idle.push(instance);
  }

  private async discard(instance: Instance): Promise<void> {
    this.all.delete(instance);
    const at = this.idle.indexOf(instance);
    if (at >= 0) this.idle.splice(at, 1);
    await instance.worker.terminate();
    await instance.drained;
    // Someone waiting for an instance gets a fresh one.
    const next = this.waiting.shift();
    if (next) {
      const fresh = this.start();
      void fresh.ready.then(() => next(fresh));
    }
  }
}

function exitError(code: number): LocalLambdaFunctionError {
  return new LocalLambdaFunctionError("Runtime.ExitError", `Error: Runtime exited with error: exit status ${code}`);
}
