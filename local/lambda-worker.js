// One instance of a Lambda function: a worker thread with the function's own environment, which
// loads `index.handler` from the deployment zip and runs one invocation at a time, as Lambda does.
// Plain JavaScript, so Node can start it as a worker without a TypeScript loader.
const { parentPort, workerData } = require("node:worker_threads");
const { randomUUID } = require("node:crypto");
const { mkdtempSync, readFileSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const { unzipSync } = require("fflate");

const { zipPath, functionName, memoryMb } = workerData;

// The function's clock: the wall clock plus the twin's fast-forward, told with each invocation, so
// that time passes for the function as it passes for the queues.
// Called with `new`, it makes a date (now, shifted, when given nothing); called as a function, it
// answers the time as text, as Date does.
let clockOffsetMs = 0;
const WallClockDate = Date;
function ShiftedDate(...args) {
  const now = () => new WallClockDate(WallClockDate.now() + clockOffsetMs);
  if (!new.target) return now().toString();
  return args.length === 0 ? now() : new WallClockDate(...args);
}
ShiftedDate.prototype = WallClockDate.prototype;
ShiftedDate.now = () => WallClockDate.now() + clockOffsetMs;
ShiftedDate.parse = WallClockDate.parse;
ShiftedDate.UTC = WallClockDate.UTC;
globalThis.Date = ShiftedDate;
const dir = mkdtempSync(path.join(tmpdir(), "lambda-"));
writeFileSync(path.join(dir, "index.js"), unzipSync(readFileSync(zipPath))["index.js"]);
const { handler } = require(path.join(dir, "index.js"));

/** The context Lambda passes a handler, with the invocation's deadline. */
function lambdaContext(deadline) {
  return {
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

parentPort.on("message", async ({ id, event, deadline, clockOffsetMs: offset, shutdown }) => {
  // Exit once everything written so far has reached the parent.
  if (shutdown) return process.stdout.write("", () => process.stderr.write("", () => process.exit(0)));
  clockOffsetMs = offset ?? 0;
  try {
    const result = await handler(event, lambdaContext(deadline));
    parentPort.postMessage({ id, result: result === undefined ? null : result });
  } catch (error) {
    // What Lambda reports for a function error: its type and message.
    const errorType = (error && error.name) || "Error";
    const errorMessage = error && error.message !== undefined ? String(error.message) : String(error);
    parentPort.postMessage({ id, error: { errorType, errorMessage } });
  }
});
parentPort.postMessage({ ready: true });
