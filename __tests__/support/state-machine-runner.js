// Runs a job of state machine executions with aws-local-stepfunctions (a real ASL interpreter) and
// the real bundled Lambda handlers: `node state-machine-runner.js job.json` writes executions.json.
const { readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const { loadHandler, lambdaContext } = require("./lambda-runtime.js");

// aws-local-stepfunctions 3 (the only release on the registry) needs Node 22 for one thing,
// Promise.withResolvers (ES2024). Rather than download a second Node, the tests supply it on Node 20,
// exactly as the specification defines it; on Node 22 this line does nothing.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new this((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const { StateMachine } = require("aws-local-stepfunctions");

async function main() {
  const jobFile = process.argv[2];
  const { definition, inputs, tasks } = JSON.parse(readFileSync(jobFile, "utf8"));
  // What `arn:aws:states:::lambda:invoke` does: call the function with `Payload`, answer with the
  // invocation's result; a function error is a task failure the definition's Catch sees.
  const taskResourceLocalHandlers = Object.fromEntries(
    Object.entries(tasks).map(([state, zipPath]) => {
      const handler = loadHandler(zipPath);
      return [state, async (input) => ({ StatusCode: 200, ExecutedVersion: "$LATEST", Payload: await handler(input.Payload, lambdaContext(state)) })];
    }),
  );
  const machine = new StateMachine(definition);
  const executions = [];
  for (const input of inputs) {
    try {
      executions.push({ output: await machine.run(input, { overrides: { taskResourceLocalHandlers } }).result });
    } catch (error) {
      executions.push({ error: String(error.cause?.message ?? error.message) });
    }
  }
  writeFileSync(path.join(path.dirname(jobFile), "executions.json"), JSON.stringify(executions));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
