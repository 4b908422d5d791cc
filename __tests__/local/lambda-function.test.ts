import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { zipSync } from "fflate";
import { LocalLambdaFunction, LocalLambdaFunctionError } from "../../local/lambda-function";

/** A deployment zip holding `index.js` with the given source. */
function zipOf(source: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "zip-")), "function.zip");
  writeFileSync(file, zipSync({ "index.js": Buffer.from(source) }));
  return file;
}

const HANDLER = zipOf(`
let invocations = 0;
exports.handler = async (event, context) => {
  invocations++;
  if (event.fail) throw Object.assign(new Error("asked to fail"), { name: "ProcessingError" });
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  if (event.crash) setTimeout(() => { throw new Error("crash outside the handler"); });
  console.log("log line " + invocations);
  return { greeting: process.env.GREETING, invocations, functionName: context.functionName, remaining: context.getRemainingTimeInMillis() > 0 };
};`);

const functions: LocalLambdaFunction[] = [];
function lambda(environment: Record<string, string>, timeoutSeconds = 5, lines: string[] = []) {
  const fn = new LocalLambdaFunction({ functionName: "fn", zipPath: HANDLER, environment, timeoutSeconds, memoryMb: 128, concurrency: 1, onLog: (line) => lines.push(line) });
  functions.push(fn);
  return fn;
}
afterAll(() => Promise.all(functions.map((fn) => fn.stop())));

describe("a Lambda function run by the twin", () => {
  it("sees the twin's clock: Date.now and new Date() shifted by the fast-forward, Date() still text, dates still dates, the deadline shifted too", async () => {
    const CLOCK = zipOf(`exports.handler = async (event, context) => ({
      now: Date.now(), made: new Date().getTime(), text: typeof Date(), isDate: new Date() instanceof Date,
      given: new Date(0).getTime(), parsed: Date.parse("1970-01-01T00:00:01Z"), remaining: context.getRemainingTimeInMillis(),
    });`);
    const HOUR = 3_600_000;
    const fn = new LocalLambdaFunction({ functionName: "clock", zipPath: CLOCK, environment: {}, timeoutSeconds: 5, memoryMb: 128, clockOffsetMs: () => HOUR });
    functions.push(fn);
    const before = Date.now();
    const seen = (await fn.invoke({})) as Record<string, number | string | boolean>;
    const after = Date.now();
    expect(seen.now).toBeGreaterThanOrEqual(before + HOUR);
    expect(seen.now).toBeLessThanOrEqual(after + HOUR);
    expect(Math.abs((seen.made as number) - (seen.now as number))).toBeLessThan(1_000);
    expect([seen.text, seen.isDate, seen.given, seen.parsed]).toEqual(["string", true, 0, 1_000]);
    expect(seen.remaining).toBeGreaterThan(4_000);
    expect(seen.remaining).toBeLessThanOrEqual(5_000);
  });

  it("runs index.handler with the function's own environment and a Lambda context, keeping the instance warm", async () => {
    const lines: string[] = [];
    const hello = lambda({ GREETING: "hello" }, 5, lines);
    const bye = lambda({ GREETING: "bye" });
    expect(await hello.invoke({})).toEqual({ greeting: "hello", invocations: 1, functionName: "fn", remaining: true });
    expect(await bye.invoke({})).toMatchObject({ greeting: "bye", invocations: 1 });
    expect(await hello.invoke({})).toMatchObject({ invocations: 2 });
    await hello.stop();
    expect(lines).toEqual(["log line 1", "log line 2"]);
  });

  it("reports a function error by its type and message, and keeps the instance", async () => {
    const fn = lambda({});
    await expect(fn.invoke({ fail: true })).rejects.toMatchObject({ name: "ProcessingError", message: "asked to fail" });
    expect(await fn.invoke({})).toMatchObject({ invocations: 2 });
  });

  it("stops an invocation at the timeout as Sandbox.Timedout, and starts a fresh instance for the next", async () => {
    const fn = lambda({}, 0.2);
    const error = await fn.invoke({ sleepMs: 5_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(LocalLambdaFunctionError);
    expect(error).toMatchObject({ errorType: "Sandbox.Timedout", message: "Task timed out after 0.20 seconds" });
    expect(await fn.invoke({})).toMatchObject({ invocations: 1 });
  });

  it("survives a crashing instance, which fails the invocation in flight as Runtime.ExitError", async () => {
    const fn = lambda({});
    await fn.invoke({ crash: true, sleepMs: 0 });
    const error = await fn.invoke({ sleepMs: 500 }).catch((e) => e);
    expect(error).toMatchObject({ errorType: "Runtime.ExitError" });
    expect(await fn.invoke({})).toMatchObject({ invocations: 1 });
  });

  it("throttles invocations beyond its reserved concurrency, as Lambda refuses a synchronous invocation", async () => {
    const fn = new LocalLambdaFunction({ functionName: "fn", zipPath: HANDLER, environment: {}, timeoutSeconds: 5, memoryMb: 128, concurrency: 4, reservedConcurrency: 1 });
    functions.push(fn);
    const [first, second] = await Promise.allSettled([fn.invoke({ sleepMs: 200 }), fn.invoke({})]);
    expect(first).toMatchObject({ status: "fulfilled" });
    expect(second).toMatchObject({ status: "rejected", reason: { name: "Lambda.TooManyRequestsException" } });
    expect(await fn.invoke({})).toMatchObject({ invocations: 2 });
  });
});
