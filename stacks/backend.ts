import type { Construct } from "constructs";
import { LocalBackend, S3Backend } from "cdktf";
import type { WebhookConfig } from "./config";

/**
 * Remote state in S3 when a bucket is configured (encrypted, locked with S3's own lock file);
 * otherwise a local state file, so a fresh clone synthesizes and plans with nothing set.
 */
export function configureBackend(scope: Construct, config: WebhookConfig, stackName: string): void {
  const s3 = config.backend.s3;
  if (!s3) {
    new LocalBackend(scope, { path: `terraform.${stackName}.tfstate` });
    return;
  }
  const backend = new S3Backend(scope, {
    bucket: s3.bucket,
    key: s3.key ?? `${config.namePrefix}/${config.environment}/terraform.tfstate`,
    region: s3.region ?? config.region,
    encrypt: true,
  });
  // cdktf 0.21's S3Backend does not know `use_lockfile` (Terraform 1.10+): set it directly.
  backend.addOverride("use_lockfile", true);
}
