// Run by the bench in a fresh process, as Lambda starts an instance: load a bundle, then invoke it
// once with the event in the given file. Prints how long each took.
const started = process.hrtime.bigint();
const [indexPath, eventPath] = process.argv.slice(2);
const { handler } = require(indexPath);
const loaded = process.hrtime.bigint();
const event = JSON.parse(require("fs").readFileSync(eventPath, "utf8"));
const context = { awsRequestId: "bench", functionName: "bench", getRemainingTimeInMillis: () => 30_000 };
Promise.resolve(handler(event, context)).then((result) => {
  const invoked = process.hrtime.bigint();
  process.stdout.write(`BENCH_COLD ${JSON.stringify({ loadMs: Number(loaded - started) / 1e6, firstInvocationMs: Number(invoked - loaded) / 1e6, result })}\n`);
});
