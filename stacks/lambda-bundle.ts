import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { buildSync, version as esbuildVersion, type BuildOptions } from "esbuild";
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

/** How every handler is bundled: minified, tree-shaken, every dependency inside, CommonJS for Node.js 22. */
const BUILD_OPTIONS = {
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
} as const satisfies BuildOptions;

/** A bundle as last built, and the files it was built from: reused while none of them changed. */
interface CachedBundle extends LambdaBundle {
  readonly key: string;
  readonly inputs: readonly string[];
}

/**
 * What a bundle is made of: esbuild's version and options, the lockfile, and the content of every
 * file it read. The same key means the same zip, so a warm synth or test run skips esbuild.
 */
function bundleKey(entryPath: string, inputs: readonly string[]): string {
  const hash = createHash("sha256").update(JSON.stringify([esbuildVersion, BUILD_OPTIONS, path.relative(PROJECT_ROOT, entryPath)]));
  for (const file of [path.join(PROJECT_ROOT, "package-lock.json"), ...inputs.map((input) => path.join(PROJECT_ROOT, input))]) {
    if (!existsSync(file)) return "";
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest("hex");
}

const cacheFileOf = (entryPath: string) => path.join(BUILD_DIR, "cache", `${path.relative(PROJECT_ROOT, entryPath).replace(/[/\\]/g, "_")}.json`);

function cachedBundle(entryPath: string): LambdaBundle | undefined {
  const file = cacheFileOf(entryPath);
  if (!existsSync(file)) return undefined;
  const cached = JSON.parse(readFileSync(file, "utf8")) as CachedBundle;
  if (!existsSync(cached.zipPath) || bundleKey(entryPath, cached.inputs) !== cached.key) return undefined;
  const { key: _key, inputs: _inputs, ...bundle } = cached;
  return bundle;
}

/**
 * Bundles a handler with esbuild (BUILD_OPTIONS) into a deterministic zip holding `index.js`.
 * Memoized per process, and on disk by what it was built from: a synth of many stacks, a test run,
 * or the next synth with no change in the handler's files, bundles each handler once.
 */
export function bundleHandler(entry: string): LambdaBundle {
  const entryPath = path.resolve(PROJECT_ROOT, entry);
  const known = bundles.get(entryPath) ?? cachedBundle(entryPath);
  if (known) {
    bundles.set(entryPath, known);
    return known;
  }
  const result = buildSync({ ...BUILD_OPTIONS, entryPoints: [entryPath], absWorkingDir: PROJECT_ROOT });
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
  mkdirSync(path.dirname(cacheFileOf(entryPath)), { recursive: true });
  writeFileSync(cacheFileOf(entryPath), JSON.stringify({ ...bundle, key: bundleKey(entryPath, inputs), inputs } satisfies CachedBundle));
  bundles.set(entryPath, bundle);
  return bundle;
}
