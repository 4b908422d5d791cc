import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { zipSync } from "fflate";

/** The project root: handler entries and the build folder are resolved from here. */
const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * Where bundles are written before cdktf copies them into the synth output as assets.
 * @default ".build/lambda" under the project root; WEBHOOKS_BUILD_DIR overrides it.
 */
const BUILD_DIR = process.env.WEBHOOKS_BUILD_DIR ?? path.join(PROJECT_ROOT, ".build", "lambda");

/**
 * Zip entries get a fixed time, order and mode so the same code gives the same bytes on every
 * machine. DOS times are local: a Date built from local parts reads back the same in any time zone.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX_FILE_MODE = 0o100644;
const MADE_BY_UNIX = 3;

export interface LambdaBundle {
  /** Path of the zip on disk. */
  readonly zipPath: string;
  /** base64(sha256(zip)), what Lambda reports as CodeSha256 and Terraform takes as `source_code_hash`. */
  readonly sourceCodeHash: string;
  /** Size of the zip, in bytes. */
  readonly sizeBytes: number;
  /** The project's own source files inside, relative to the project root: what the bundle carries. */
  readonly sources: readonly string[];
  /** The npm packages with code inside, as their folders relative to the project root (`node_modules/@aws-sdk/client-sqs`). */
  readonly packages: readonly string[];
}

const bundles = new Map<string, LambdaBundle>();

/**
 * Bundles a handler with esbuild (minified, tree-shaken, every dependency inside, CommonJS for
 * Node.js 22) into a deterministic zip holding `index.js`. Memoized per process: a synth of many
 * stacks, or a test run, bundles each handler once.
 */
export function bundleHandler(entry: string): LambdaBundle {
  const entryPath = path.resolve(PROJECT_ROOT, entry);
  const cached = bundles.get(entryPath);
  if (cached) return cached;
  const result = buildSync({
    entryPoints: [entryPath],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    platform: "node",
    target: "node22",
    format: "cjs",
    mainFields: ["module", "main"],
    minify: true,
    treeShaking: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "error",
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const zip = zipSync(
    { "index.js": [code, { level: 9, mtime: FIXED_MTIME, os: MADE_BY_UNIX, attrs: (UNIX_FILE_MODE << 16) >>> 0 }] },
    { level: 9 },
  );
  const sha256 = createHash("sha256").update(zip).digest();
  const name = path.basename(entryPath).replace(/\.[cm]?[jt]s$/, "");
  const zipPath = path.join(BUILD_DIR, sha256.toString("hex").slice(0, 16), `${name}.zip`);
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip);
  const inputs = Object.keys(result.metafile.inputs);
  const sources = inputs.filter((input) => !input.includes("node_modules/")).sort();
  // A package's folder is the path up to its name after the last node_modules/ (nested copies count apart).
  const packages = [...new Set(inputs.map((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter((p): p is string => p !== undefined))].sort();
  const bundle = { zipPath, sourceCodeHash: sha256.toString("base64"), sizeBytes: zip.length, sources, packages };
  bundles.set(entryPath, bundle);
  return bundle;
}
