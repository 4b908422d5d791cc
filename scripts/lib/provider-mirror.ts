import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * The Terraform CLI configuration that installs hashicorp/aws from a filesystem mirror (a folder
 * laid out as `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`) and nothing of it from
 * the registry: what docs/deploy-and-plans.md "Plan without the registry" shows.
 */
export function mirrorCliConfig(mirror: string): string {
  return (
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n` +
    `  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`
  );
}

/**
 * The environment Terraform runs in: the caller's, plus a CLI configuration pointing at
 * TF_PROVIDER_MIRROR when it is set and the caller named no TF_CLI_CONFIG_FILE of their own.
 */
export function withProviderMirror(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!env.TF_PROVIDER_MIRROR || env.TF_CLI_CONFIG_FILE) return env;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tf-cli-")), "terraformrc");
  writeFileSync(file, mirrorCliConfig(env.TF_PROVIDER_MIRROR));
  return { ...env, TF_CLI_CONFIG_FILE: file };
}
