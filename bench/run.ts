/**
 * `npm run bench`: the project's figures, each beside its yardstick measured in the same run, written
 * printed as a table, and with --save written to bench/results.json (the figures the README quotes). Ratios, not absolute times, are what the README quotes.
 *
 *   npm run bench -- [--quick] [--no-reference] [--with-tests] [--save]
 *
 * --quick: fewer repetitions and shorter runs; --no-reference: skip the reference design's app
 * (its first run installs it, about a minute); --with-tests: also time `npm test` (a minute).
 */
import "../scripts/lib/node-support";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import * as path from "node:path";
import { readCommandLine, reportToolError } from "../scripts/lib/command-line";
import { bundleFigures } from "./bundles";
import { interleaved, measureNode, median, type Run } from "./child";
import { API_GATEWAY_MAX_BODY_BYTES } from "../delivery/stored-delivery";
import { twinThroughput, type TwinFigures } from "./twin";
import { wayInFiguresApart, type WayInFigures } from "./ways-in";
import { validateThroughput } from "./validate";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results.json");
/** The reference design's literal app: BENCH_REFERENCE_DIR, or where the team's shared folder keeps it. */
const REFERENCE_SOURCE = path.resolve(process.env.BENCH_REFERENCE_DIR ?? path.join(ROOT, "../shared/anchors/reference-literal"));
const REFERENCE_COPY = path.join(ROOT, ".build", "reference-literal");

const COMMAND_LINE = {
  description:
    "Measures synth, tests, bundles, throughput and the twin, each beside its yardstick in the same run, and prints them; --save writes them to bench/results.json, which the README quotes.",
  usage: "usage: npm run bench -- [--quick] [--no-reference] [--with-tests] [--save]",
  options: { quick: { type: "boolean" }, "no-reference": { type: "boolean" }, "with-tests": { type: "boolean" }, save: { type: "boolean" } },
} as const;

const tsx = (script: string, ...args: string[]) => ["-r", "tsx/cjs", path.join(ROOT, script), ...args];
const freshOut = () => ({ CDKTF_OUTDIR: mkdtempSync(path.join(tmpdir(), "bench-out-")) });

/** The reference design's app, installed once in a copy (shared/ is read-only in CI), or undefined when it is not here. */
function referenceApp(): (() => Run) | undefined {
  if (!existsSync(REFERENCE_SOURCE)) return undefined;
  mkdirSync(REFERENCE_COPY, { recursive: true });
  const lock = readFileSync(path.join(REFERENCE_SOURCE, "package-lock.json"), "utf8");
  const installed = path.join(REFERENCE_COPY, "node_modules", ".bench-lock");
  for (const file of ["main.ts", "package.json", "package-lock.json", "tsconfig.json", "cdktf.json"]) copyFileSync(path.join(REFERENCE_SOURCE, file), path.join(REFERENCE_COPY, file));
  if (!existsSync(installed) || readFileSync(installed, "utf8") !== lock) {
    process.stderr.write("Installing the reference design's app (once)...\n");
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: REFERENCE_COPY, stdio: "ignore" });
    writeFileSync(installed, lock);
  }
  return () => measureNode([path.join(REFERENCE_COPY, "node_modules", "ts-node", "dist", "bin.js"), "main.ts"], { cwd: REFERENCE_COPY, env: freshOut() });
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;
const mib = (n: number) => `${Math.round(n)} MiB`;

/** What each stage of the bench is given: how thorough to be, and the table to add its rows to. */
interface Stage {
  readonly quick: boolean;
  /** Interleaved repetitions of each measurement. */
  readonly times: number;
  readonly row: (what: string, figure: string, yardstick: string, versus: string) => void;
}

export async function bench(argv: readonly string[], print: (line: string) => void): Promise<number> {
  const { values } = readCommandLine(argv, COMMAND_LINE);
  const times = values.quick ? 1 : 3;
  const rows: [string, string, string, string][] = [];
  const stage: Stage = { quick: values.quick === true, times, row: (what, figure, yardstick, versus) => rows.push([what, figure, yardstick, versus]) };
  const { synth, growth } = synthFigures(stage, !values["no-reference"]);
  const npmTestWallMs = values["with-tests"] ? npmTestFigure(stage) : undefined;
  const bundles = await bundleRows(stage);
  const throughput = await validateRows(stage);
  const { twin, consoleFigures } = await twinRows(stage);
  const { waysIn, largeBodies } = waysInRows(stage);
  const results = {
    measured: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    repetitions: times,
    synth,
    synthBySources: growth,
    npmTestWallMs,
    bundles,
    validateThroughput: throughput,
    twin,
    twinConsole: consoleFigures,
    waysIn,
    largeBodies,
  };
  if (values.save) writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[["what", "figure", "yardstick", "ratio"], ...rows].map((r) => r[i].length)));
  print([["what", "figure", "yardstick", "ratio"], ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n"));
  print(`\n${cpus().length} CPUs, Node.js ${process.version}; medians of ${times} interleaved runs. ${values.save ? `Written to ${path.relative(ROOT, RESULTS)}.` : "Not saved (--save writes them to bench/results.json)."}`);
  return 0;
}

/** Synth: the app (bundles cached, as after any first synth), the floor, the reference design, and growth with sources. */
function synthFigures({ times, row }: Stage, withReference: boolean) {
  const reference = withReference ? referenceApp() : undefined;
  const synth = interleaved(times, {
    app: () => measureNode(tsx("main.ts"), { env: freshOut() }),
    floor: () => measureNode(tsx("bench/floor.ts")),
    ...(reference ? { reference } : {}),
  });
  const coldApp = measureNode(tsx("main.ts"), { env: { ...freshOut(), WEBHOOKS_BUILD_DIR: mkdtempSync(path.join(tmpdir(), "bench-build-")) } });
  row("app synth (2 stacks)", `${ms(synth.app.wallMs)}, ${mib(synth.app.maxRssMiB)}`, `floor ${ms(synth.floor.wallMs)}, ${mib(synth.floor.maxRssMiB)}`, `${ratio(synth.app.wallMs, synth.floor.wallMs)}× the floor`);
  if (withReference && !reference) row("", "", `no reference design at ${REFERENCE_SOURCE}`, "set BENCH_REFERENCE_DIR");
  if (synth.reference) {
    row("", "", `reference ${ms(synth.reference.wallMs)}, ${mib(synth.reference.maxRssMiB)}`, `${ratio(synth.reference.wallMs, synth.app.wallMs)}× faster, ${ratio(synth.reference.maxRssMiB, synth.app.maxRssMiB)}× less memory`);
  }
  row("app synth, bundling afresh", ms(coldApp.wallMs), `floor ${ms(synth.floor.wallMs)}`, `${ratio(coldApp.wallMs, synth.floor.wallMs)}× the floor`);
  // Synth growth with sources, in one stack.
  const growth = interleaved(times, Object.fromEntries([1, 10, 50].map((n) => [String(n), () => measureNode(tsx("bench/sources-app.ts", String(n)), { env: freshOut() })])));
  row("synth, 1 / 10 / 50 sources", [1, 10, 50].map((n) => ms(growth[n].wallMs)).join(" / "), `1 source ${ms(growth[1].wallMs)}`, `+${Math.round((growth[50].wallMs - growth[1].wallMs) / 49)} ms a source`);
  return { synth: { ...synth, appBundlingAfresh: coldApp }, growth };
}

function npmTestFigure({ row }: Stage): number {
  const started = performance.now();
  const result = spawnSync("npm", ["test"], { cwd: ROOT, stdio: "ignore" });
  const testWallMs = performance.now() - started;
  row("npm test, warm", `${(testWallMs / 1000).toFixed(1)} s${result.status === 0 ? "" : " (FAILED)"}`, "target 60 s", `${ratio(testWallMs, 60_000)}× the target`);
  return testWallMs;
}

async function bundleRows({ quick, row }: Stage) {
  const bundles = await bundleFigures(quick ? 2 : 5);
  for (const [name, b] of Object.entries(bundles)) {
    row(
      `${name} bundle: cold start`,
      `${ms(b.coldStartMs)} (load ${ms(b.loadMs)}, first call ${ms(b.firstInvocationMs)}); ${Math.round(b.zipBytes / 1024)} KiB zip, ${Math.round(b.codeBytes / 1024)} KiB code`,
      `bare node ${ms(b.bareNodeMs)}`,
      `${ratio(b.coldStartMs, b.bareNodeMs)}× bare node`,
    );
  }
  return bundles;
}

async function validateRows({ quick, row }: Stage) {
  const throughput = await validateThroughput(quick ? 1 : 3);
  for (const t of throughput) {
    row(`validate, ${t.sizeKiB} KiB bodies`, `${Math.round(t.handlerPerSecond).toLocaleString("en-US")} verifications/s`, `createHmac ${Math.round(t.hmacPerSecond).toLocaleString("en-US")}/s`, `createHmac alone is ${Math.round(t.hmacPerSecond / t.handlerPerSecond)}× faster (the replay claim's write bounds it)`);
  }
  return throughput;
}

/** The whole path per batch size (the state machine runs one execution per batch), and the console's cost. */
async function twinRows({ quick, times, row }: Stage) {
  const deliveries = quick ? 100 : 500;
  const twin: TwinFigures[] = [];
  for (const batchSize of [1, 4, 10]) twin.push(await twinThroughput(deliveries, batchSize));
  // The console's cost: the same deliveries with a page's event stream open, interleaved with runs without.
  const withConsole: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < times; i++) {
    without.push((await twinThroughput(deliveries)).perSecond);
    withConsole.push((await twinThroughput(deliveries, 1, { console: true })).perSecond);
  }
  const consoleFigures = { withoutPerSecond: median(without), withConsolePerSecond: median(withConsole) };
  for (const t of twin) {
    row(
      `twin, end to end, batches of ${t.batchSize}`,
      `${Math.round(t.perSecond)} deliveries/s`,
      t.batchSize === 1 ? `${t.deliveries} GitHub deliveries` : `batches of 1: ${Math.round(twin[0].perSecond)}/s`,
      t.batchSize === 1 ? `${Math.round(t.logBytesPerDelivery)} bytes logged a delivery` : `${ratio(t.perSecond, twin[0].perSecond)}× batches of 1`,
    );
  }
  row(
    "twin with the console open",
    `${Math.round(consoleFigures.withConsolePerSecond)} deliveries/s`,
    `without: ${Math.round(consoleFigures.withoutPerSecond)}/s`,
    `${Math.round((consoleFigures.withConsolePerSecond / consoleFigures.withoutPerSecond - 1) * 100)}%`,
  );
  return { twin, consoleFigures };
}

/** The ways a body reaches the queue, at the defaults, each in a fresh process; then stored bodies of 1, 5 and 10 MB. */
function waysInRows({ quick, row }: Stage) {
  const waysIn: WayInFigures[] = [];
  for (const way of ["inline", "stored", "proxied"] as const) waysIn.push(wayInFiguresApart(way, quick ? 100 : 300, 1024, 25));
  for (const w of waysIn) {
    row(
      `way in: ${w.way}, 1 KiB`,
      `${Math.round(w.perSecond)} deliveries/s`,
      `answered in ${Math.round(w.answerMs.median)} ms (p95 ${Math.round(w.answerMs.p95)})`,
      `bodies up to ${w.largestBodyBytes.toLocaleString("en-US")} bytes; ${w.peakRssMb} MB`,
    );
  }
  const largeBodies: WayInFigures[] = [];
  for (const [bytes, label] of [[1_000_000, "1 MB"], [5_000_000, "5 MB"], [API_GATEWAY_MAX_BODY_BYTES, "10 MiB less headers"]] as const) {
    const figures = wayInFiguresApart("stored", quick ? 4 : 10, bytes, 2);
    largeBodies.push(figures);
    row(
      `stored bodies of ${label}`,
      `${figures.perSecond.toFixed(1)} deliveries/s`,
      `${((figures.perSecond * bytes) / 1e6).toFixed(1)} MB/s; answered in ${Math.round(figures.answerMs.median)} ms`,
      `peak ${figures.peakRssMb} MB`,
    );
  }
  return { waysIn, largeBodies };
}

if (require.main === module) {
  bench(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error) => process.exit(reportToolError(error)),
  );
}
