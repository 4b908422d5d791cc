/**
 * The local twin: synthesizes the app, then serves the stack on localhost, built from its Terraform
 * JSON and bundled zips, and prints each delivery's path as it happens.
 *
 *   npm run local [-- --stack <name>] [--port 3000] [--fast-retries] [--logs] [--no-synth] [--no-console]
 *                 [--fault <target>[:<error>]@<from>[+<for>][~<share>],...] [--fault-seed 1]
 *
 * The console, a page of every delivery as it moves, is served at /_console on the same port.
 */
import "./lib/node-support";
import * as path from "node:path";
import { App } from "cdktf";
import { formatDeliveryEvent } from "../local/delivery-path";
import { followLocalSecrets, LOCAL_SECRETS_FILE, LocalSecretsError, localSecretsFile, readLocalSecrets, secretVariable } from "../local/local-secrets";
import { sourcesOfStack } from "../local/sender";
import { readSynthesizedStack } from "../local/synthesized-stack";
import { LocalTwin } from "../local/twin";
import { describeFault, FAULT_ERRORS, FAULT_TARGETS, FaultSpecError, parseFault } from "../local/faults";
import { buildApp, LOCAL_STACK } from "../main";
import { TwinConsole } from "./console/twin-console";
import { readCommandLine, reportToolError, wholeNumberAtLeast } from "./lib/command-line";
import { stackDirectory, ToolError } from "./lib/stack-outputs";
import { printLine } from "./lib/terminal";

const COMMAND_LINE = {
  description: "Synthesizes the app and serves one stack on localhost (the twin): its API, queue, pipe, state machine and functions, printing each delivery's path.",
  usage:
    "usage: npm run local -- [--stack <name>, default the first environment's] [--port 3000] [--fast-retries] [--logs] [--no-synth] [--no-console] [--concurrency 5]\n" +
    "                        [--fault <target>[:<error>]@<from>[+<for>][~<share>],...] [--fault-seed 1]\n" +
    `  fault targets: ${Object.keys(FAULT_TARGETS).join(", ")}; errors: ${FAULT_ERRORS.join(", ")} (default 503); times in s or m\n` +
    "  such as --fault eventbridge@30s+60s,dynamodb:throttle@0s+5s~0.5",
  options: {
    stack: { type: "string" },
    port: { type: "string", default: process.env.PORT ?? "3000", check: (port: string) => (/^\d{1,5}$/.test(port) && Number(port) <= 65535 ? undefined : "must be a port number") },
    "fast-retries": { type: "boolean" },
    logs: { type: "boolean" },
    "no-synth": { type: "boolean" },
    "no-console": { type: "boolean" },
    concurrency: { type: "string", default: "5", check: wholeNumberAtLeast(1) },
    fault: { type: "string", check: faultsProblem },
    "fault-seed": { type: "string", default: "1", check: wholeNumberAtLeast(0) },
  },
} as const;

/** The faults of `--fault`, comma-separated. */
const readFaults = (text: string) => text.split(",").map(parseFault);

/** Every wrong spec of `--fault`, each saying why; undefined when all are right. */
function faultsProblem(text: string): string | undefined {
  const problems = text.split(",").flatMap((spec) => {
    try {
      parseFault(spec);
      return [];
    } catch (error) {
      if (error instanceof FaultSpecError) return [error.message];
      throw error;
    }
  });
  return problems.length > 0 ? problems.join("; ") : undefined;
}

async function main(argv: string[]): Promise<number> {
  const { values } = readCommandLine(argv, COMMAND_LINE);
  const port = Number(values.port);
  const concurrency = Number(values.concurrency);

  const outDir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  if (!values["no-synth"]) {
    const started = Date.now();
    buildApp(new App({ outdir: outDir }), process.env).synth();
    printLine(`Synthesized ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const stackDir = stackDirectory(outDir, values.stack ?? LOCAL_STACK);
  const sources = Object.keys(sourcesOfStack(readSynthesizedStack(stackDir)));
  const secretsFile = localSecretsFile(process.env);
  const { missing, strays } = readLocalSecrets(sources, secretsFile, process.env);

  // Edits to the file take effect at once, as a new secret version does in Secrets Manager.
  const secrets = followLocalSecrets(sources, secretsFile, process.env, (problem) => printLine(`  ! ${problem}`));
  const twin = await LocalTwin.start({
    stackDir,
    port,
    secrets,
    fastForward: values["fast-retries"],
    pipeConcurrency: concurrency,
    faults: values.fault === undefined ? [] : readFaults(values.fault),
    faultSeed: Number(values["fault-seed"]),
    onEvent: (event) => printLine(formatDeliveryEvent(event)),
    // EMF lines are metrics, not logs.
    onLog: values.logs ? (line, fn) => !line.includes('"_aws"') && printLine(`    ${fn} | ${line}`) : undefined,
  });
  if (!values["no-console"]) twin.extend(new TwinConsole(twin, (source) => secrets()[source]));
  const outputs = twin.outputs();
  printLine(`\nThe local twin of ${path.basename(stackDir)} is listening on ${twin.url}`);
  if (!values["no-console"]) printLine(`  console      ${twin.url}/_console`);
  for (const fault of twin.faults.faults) printLine(`  fault        ${describeFault(fault)}: ${FAULT_TARGETS[fault.target]}`);
  for (const source of sources) printLine(`  ${source.padEnd(12)} POST ${outputs[`endpoint-${source}`]}`);
  for (const stray of strays) printLine(`  ! ${stray}`);
  for (const source of missing) {
    printLine(`  ! no local secret for ${source}: its deliveries will not verify and are retried; set ${secretVariable(source)} or add it to ${LOCAL_SECRETS_FILE} (read again when it changes)`);
  }
  // The tools find the twin on 3000; elsewhere they are told where.
  const elsewhere = port === 3000 ? "" : `WEBHOOKS_LOCAL_URL=${twin.url} `;
  printLine(
    `\nSend one:  npm run send -- --source ${sources[0]}${port === 3000 ? "" : ` --port ${port}`}   (its sample payload; --file <payload>, --fresh to vary it)\n` +
      `DLQ:       ${elsewhere}npm run dlq -- peek --local   (and redrive --local)\n` +
      `Rejected:  ${elsewhere}npm run quarantine -- peek --local   (and release --local)\n` +
      (values["fast-retries"] ? "Retries run at once (--fast-retries).\n" : "Retries wait for the queue's visibility timeout; --fast-retries lets it pass at once.\n") +
      "Ctrl-C stops.\n",
  );
  await new Promise<void>((resolve) => process.once("SIGINT", resolve));
  await twin.stop();
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error?.code === "EADDRINUSE") error = new ToolError(`Port ${error.port} is taken: stop what uses it, or pass --port <another>.`);
      if (error instanceof LocalSecretsError) error = new ToolError(error.message);
      process.exit(reportToolError(error));
    },
  );
}
