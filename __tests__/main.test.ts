import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../main";
import { WebhookStack } from "../stacks/webhook-stack";
import { describeTerraformChecks } from "./support/terraform";

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
  execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["main.ts"], {
    cwd: ROOT,
    env: { ...process.env, TZ: timeZone, CDKTF_OUTDIR: outdir, WEBHOOKS_BUILD_DIR: builddir, WEBHOOKS_STATE_BUCKET: "" },
    stdio: "pipe",
  });
  return files(path.join(outdir, "stacks"));
}

describe("the default app", () => {
  it("synthesizes byte-identical Terraform JSON and zips in two separate runs, in different time zones", () => {
    const first = synthInFreshProcess("UTC");
    const second = synthInFreshProcess("Pacific/Chatham");
    const names = [...first.keys()];
    expect(names).toEqual(expect.arrayContaining(["webhooks-dev/cdk.tf.json"]));
    expect(names.filter((name) => name.endsWith(".zip"))).toHaveLength(2);
    expect([...second.keys()]).toEqual(names);
    for (const name of names) expect({ name, same: second.get(name)!.equals(first.get(name)!) }).toEqual({ name, same: true });
  }, 60_000);

  it("uses the S3 backend with encryption and S3 locking when a state bucket is set", () => {
    const app = buildApp(Testing.app(), { WEBHOOKS_STATE_BUCKET: "acme-tf-state", WEBHOOKS_STATE_REGION: "eu-west-1" });
    const stack = app.node.children.find((c): c is WebhookStack => c instanceof WebhookStack)!;
    const terraform = JSON.parse(Testing.synth(stack)).terraform;
    expect(terraform.backend.s3).toEqual({
      bucket: "acme-tf-state",
      key: "webhooks/dev/terraform.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  it("keeps state in a local file when no bucket is set, so a fresh clone synthesizes", () => {
    const app = buildApp(Testing.app(), {});
    const stack = app.node.children.find((c): c is WebhookStack => c instanceof WebhookStack)!;
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: "terraform.webhooks-dev.tfstate" } });
  });
});

describeTerraformChecks("the default app against the real AWS provider", () =>
  buildApp(Testing.app(), {}).node.children.find((c): c is WebhookStack => c instanceof WebhookStack)!,
);
