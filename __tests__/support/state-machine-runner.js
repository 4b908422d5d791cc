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
// AWS evaluates an indefinite JsonPath (a filter or a wildcard) to a list, even of one node, as its
// documentation shows ($.jar[?(@.a >= 5)] => [{"a": 5}, {"a": 7}]). aws-local-stepfunctions asks
// jsonpath-plus for unwrapped results, which turns a one-node match into the node itself; this
// restores the list for indefinite paths, and changes nothing else.
// The copy aws-local-stepfunctions itself loads, wherever npm put it.
const jsonpath = require(require.resolve("jsonpath-plus", { paths: [path.dirname(require.resolve("aws-local-stepfunctions"))] }));
const evaluate = jsonpath.JSONPath;
const INDEFINITE = /\[\?|\[\*\]|\.\*|\.\./;
jsonpath.JSONPath = function JSONPath(options, ...rest) {
  const indefinite = typeof options === "object" && options.wrap === false && INDEFINITE.test(options.path);
  return evaluate.call(this, indefinite ? { ...options, wrap: true } : options, ...rest);
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
