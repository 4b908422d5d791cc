import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { bundleHandler } from "../../stacks/lambda-bundle";

const ROOT = path.resolve(__dirname, "../..");

/** One npm package shipped inside the Lambda bundles. */
export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  /** The SPDX licence its package.json declares. */
  readonly license: string;
  /** The handlers whose bundles carry it. */
  readonly bundles: readonly string[];
}

/** Licences that let the bundles be deployed, changed and kept private without obligations beyond notices. */
export const PERMISSIVE_LICENSES: ReadonlySet<string> = new Set(["MIT", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "BlueOak-1.0.0", "Unlicense", "MIT-0"]);

/** Every handler the pipeline deploys: one bundle each. */
export function handlerEntries(): string[] {
  return readdirSync(path.join(ROOT, "handlers"))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => `handlers/${file}`)
    .sort();
}

/** What the bundles carry from npm, one row per package and version, with its licence. */
export function bundledPackages(entries: readonly string[] = handlerEntries()): BundledPackage[] {
  const byFolder = new Map<string, string[]>();
  for (const entry of entries) {
    for (const folder of bundleHandler(entry).packages) byFolder.set(folder, [...(byFolder.get(folder) ?? []), path.basename(entry, ".ts")]);
  }
  const rows = new Map<string, BundledPackage>();
  for (const [folder, bundles] of byFolder) {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, folder, "package.json"), "utf8"));
    const license = typeof manifest.license === "string" ? manifest.license : (manifest.license?.type ?? "UNKNOWN");
    const key = `${manifest.name}@${manifest.version}`;
    const known = rows.get(key);
    rows.set(key, { name: manifest.name, version: manifest.version, license, bundles: [...new Set([...(known?.bundles ?? []), ...bundles])].sort() });
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** The README's table of what ships: package, version, licence, and the bundles that carry it. */
export function bundledPackagesTable(packages: readonly BundledPackage[] = bundledPackages()): string {
  const byLicense = new Map<string, number>();
  for (const p of packages) byLicense.set(p.license, (byLicense.get(p.license) ?? 0) + 1);
  return [
    `${packages.length} packages ship in the bundles: ${[...byLicense].sort((a, b) => b[1] - a[1]).map(([license, n]) => `${n} ${license}`).join(", ")}.`,
    "",
    "| package | version | licence | in |",
    "|---|---|---|---|",
    ...packages.map((p) => `| \`${p.name}\` | ${p.version} | ${p.license} | ${p.bundles.join(", ")} |`),
  ].join("\n");
}
