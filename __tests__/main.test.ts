import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Testing, type App } from "cdktf";
import { buildApp } from "../main";
import { ConfigError } from "../stacks/config";
import { WebhookStack } from "../stacks/webhook-stack";
import { describeTerraformChecks } from "./support/terraform";

const ROOT = path.resolve(__dirname, "..");

const stacksOf = (app: App) => app.node.children.filter((c): c is WebhookStack => c instanceof WebhookStack);

describe("the default app", () => {
  const terraformBlocks = (env: NodeJS.ProcessEnv) =>
    Object.fromEntries(stacksOf(buildApp(Testing.app(), env)).map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack)).terraform]));

  it("has a dev and a prod stack, each pinning Terraform (>= 1.10, for S3 locking) and the AWS provider", () => {
    const blocks = terraformBlocks({});
    expect(Object.keys(blocks)).toEqual(["webhooks-dev", "webhooks-prod"]);
    for (const block of Object.values(blocks)) {
      expect(block).toMatchObject({ required_version: ">= 1.10", required_providers: { aws: { source: "aws", version: "5.100.0" } } });
    }
  });

  it("gives each environment its own state: an S3 key each, with encryption and S3 locking, when a state bucket is set", () => {
    const blocks = terraformBlocks({ WEBHOOKS_STATE_BUCKET: "acme-tf-state", WEBHOOKS_STATE_REGION: "eu-west-1" });
    expect(blocks["webhooks-dev"].backend.s3).toEqual({ bucket: "acme-tf-state", key: "webhooks/dev/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true });
    expect(blocks["webhooks-prod"].backend.s3.key).toBe("webhooks/prod/terraform.tfstate");
  });

  it("gives each environment its own HCP Terraform workspace when TF_CLOUD_ORGANIZATION is set", () => {
    const blocks = terraformBlocks({ TF_CLOUD_ORGANIZATION: "acme" });
    expect(blocks["webhooks-dev"].cloud).toEqual({ organization: "acme", workspaces: { name: "webhooks-dev" } });
    expect(blocks["webhooks-prod"].cloud).toEqual({ organization: "acme", workspaces: { name: "webhooks-prod" } });
  });

  it("names a config problem once, with every environment and stack it is in", () => {
    expect(() => buildApp(Testing.app(), { AWS_REGION: "mars-north-1x" })).toThrow(
      new ConfigError(['dev (webhooks-dev), prod (webhooks-prod): region: an AWS region such as eu-west-1 (got "mars-north-1x")']),
    );
  });

  it("npm run synth prints a config error once, without a stack trace, and exits 1", () => {
    const run = spawnSync(process.execPath, ["-r", "tsx/cjs", "scripts/synth.ts"], {
      cwd: ROOT,
      env: { ...process.env, AWS_REGION: "mars-north-1x", CDKTF_OUTDIR: mkdtempSync(path.join(tmpdir(), "synth-out-")) },
      encoding: "utf8",
    });
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 1,
      stderr: 'invalid webhook configuration:\n  - dev (webhooks-dev), prod (webhooks-prod): region: an AWS region such as eu-west-1 (got "mars-north-1x")\n',
      stdout: "",
    });
  });

  it("keeps state in local files when nothing is set, so a fresh clone synthesizes", () => {
    expect(terraformBlocks({})["webhooks-dev"].backend).toEqual({ local: { path: "terraform.webhooks-dev.tfstate" } });
  });
});

describeTerraformChecks("the default app's dev stack against the real AWS provider", () => stacksOf(buildApp(Testing.app(), {}))[0]);
