import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** Every file under a folder, by relative path. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** Runs the app the way `cdktf synth` does, in its own process, with its own output and build folders. */
function synthInFreshProcess(timeZone: string): Map<string, Buffer> {
  const outdir = mkdtempSync(path.join(tmpdir(), "synth-out-"));
  const builddir = mkdtempSync(path.join(tmpdir(), "synth-build-"));
  // As cdktf.json runs it.
  execFileSync(process.execPath, ["-r", "tsx/cjs", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, TZ: timeZone, CDKTF_OUTDIR: outdir, WEBHOOKS_BUILD_DIR: builddir, WEBHOOKS_STATE_BUCKET: "" },
    stdio: "pipe",
  });
  return files(path.join(outdir, "stacks"));
}

describe("the default app, synthesized afresh", () => {
  it("synthesizes byte-identical Terraform JSON and zips in two separate runs, in different time zones", () => {
    const first = synthInFreshProcess("UTC");
    const second = synthInFreshProcess("Pacific/Chatham");
    const names = [...first.keys()];
    expect(names).toEqual(expect.arrayContaining(["webhooks-dev/cdk.tf.json", "webhooks-prod/cdk.tf.json"]));
    expect(names.filter((name) => name.endsWith(".zip")).length).toBeGreaterThan(0);
    expect([...second.keys()]).toEqual(names);
    for (const name of names) expect({ name, same: second.get(name)!.equals(first.get(name)!) }).toEqual({ name, same: true });
  }, 60_000);
});
