// How the tests run a bundled handler the way Lambda does: `index.handler(event, context)` from the
// zip's index.js, with a Lambda context. Plain JavaScript, so fresh Node processes can require it.
const { randomUUID } = require("node:crypto");
const { mkdtempSync, readFileSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const { unzipSync } = require("fflate");

/** Extracts a zip's index.js and loads its `handler`. */
function loadHandler(zipPath) {
  const dir = mkdtempSync(path.join(tmpdir(), "lambda-"));
  writeFileSync(path.join(dir, "index.js"), unzipSync(readFileSync(zipPath))["index.js"]);
  return require(path.join(dir, "index.js")).handler;
}

/** The context Lambda passes a handler, with a deadline `timeoutMs` from now. */
function lambdaContext(functionName, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  return {
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

module.exports = { loadHandler, lambdaContext };
