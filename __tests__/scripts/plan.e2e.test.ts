import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { HelpRequested } from "../../scripts/lib/command-line";
import { mirrorCliConfig } from "../../scripts/lib/provider-mirror";
import { explainTerraformFailure, plan } from "../../scripts/plan";
import { PROVIDER_MIRROR, terraformReady } from "../support/terraform";

describe("npm run plan", () => {
  it("explains Terraform's first failures in one sentence each", () => {
    expect(explainTerraformFailure("Error: No valid credential sources found")).toMatch(/^Terraform found no usable AWS credentials: sign in/);
    expect(explainTerraformFailure('Error: Failed to request discovery document: Get "https://app.terraform.io/.well-known/terraform.json"')).toMatch(/terraform login/);
    expect(explainTerraformFailure("Error: Failed to query available provider packages")).toMatch(/provider mirror/);
    expect(explainTerraformFailure("Error: something new")).toBe("Terraform failed; its error is above.");
  });

  it("names its mistakes with its usage, and answers --help with what it does", async () => {
    await expect(plan(["webhooks-dev", "extra", "--markdwn=x"], () => undefined)).rejects.toThrow(
      /^--markdwn: unknown option; did you mean --markdown\?\nextra: unexpected argument\nusage: npm run plan/,
    );
    await expect(plan(["--help"], () => undefined)).rejects.toThrow(HelpRequested);
    await expect(plan(["-h"], () => undefined)).rejects.toThrow(/^Plans one stack, or every stack.*\n\nusage: npm run plan -- \[<stack>\]/);
  });

  it("shows in docs/deploy-and-plans.md the CLI configuration it writes for TF_PROVIDER_MIRROR, for terraform and cdktf to use", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../docs/deploy-and-plans.md"), "utf8");
    expect(readme).toContain("```hcl\n" + mirrorCliConfig("/opt/tf-plugins") + "```");
  });

  const offline = () =>
    it("synthesizes, initializes from the provider mirror TF_PROVIDER_MIRROR names and plans, up to the missing credentials, which it explains", async () => {
      const lines: string[] = [];
      // No CLI configuration of the caller's: TF_PROVIDER_MIRROR alone must lead Terraform to the provider.
      const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, TF_CLI_CONFIG_FILE: _rc, ...env } = process.env;
      const code = await plan(["webhooks-dev"], (line) => lines.push(line), { ...env, TF_PROVIDER_MIRROR: PROVIDER_MIRROR, CDKTF_OUTDIR: mkdtempSync(path.join(tmpdir(), "plan-out-")), HOME: mkdtempSync(path.join(tmpdir(), "home-")) });
      expect(code).toBe(1);
      expect(lines.join("\n")).toMatch(/Error: No valid credential sources found/);
      expect(lines.join("\n")).not.toMatch(/Failed to query available provider packages/);
      expect(lines.at(-1)).toMatch(/^\nwebhooks-dev: terraform plan failed\. Terraform found no usable AWS credentials/);
    }, 120_000);
  if (terraformReady()) describe("against the real Terraform", offline);
  else describe.skip("against the real Terraform (unavailable, see the warning above)", offline);
});
