import type { Construct } from "constructs";
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces } from "cdktf";
import { z } from "zod";

/** The oldest Terraform every stack accepts: S3's own state locking (`use_lockfile`) came in 1.10. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

/**
 * Where a stack keeps its Terraform state: one S3 object (encrypted, locked with S3's own lock
 * file), or an HCP Terraform / Terraform Enterprise workspace. Neither: a local state file, so a
 * fresh clone synthesizes and plans with nothing set. Credentials are never here: Terraform reads
 * them from the environment (AWS's chain, `TF_TOKEN_<host>`), so they reach neither code nor state.
 */
export const backendSchema = z
  .object({
    /** State in S3. */
    s3: z
      .object({
        /** The state bucket. */
        bucket: z.string().min(3).max(63),
        /** State object key. @default "<namePrefix>/<environment>/terraform.tfstate" */
        key: z.string().min(1).optional(),
        /** Bucket region. @default the stack's region */
        region: z.string().optional(),
        /** A role to assume for the state (another account's bucket, say). @default none: the caller's credentials */
        roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN").optional(),
        /** A named profile of the AWS config files. @default none: the default credential chain */
        profile: z.string().min(1).optional(),
        /** A customer-managed KMS key the state object is encrypted with: its ARN, id or alias. @default none: the bucket's encryption (SSE-S3) */
        kmsKeyId: z
          .string()
          .regex(/^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/, "a KMS key ARN, key id or alias")
          .optional(),
        /** Where non-default Terraform workspaces keep their state. @default "env:" (Terraform's) */
        workspaceKeyPrefix: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** State in HCP Terraform (Terraform Cloud) or Terraform Enterprise, which also runs the plans. */
    cloud: z
      .object({
        /** The organization. */
        organization: z.string().min(1),
        /** The workspace, by name. @default "<namePrefix>-<environment>" unless `workspaceTags` is given */
        workspace: z.string().min(1).max(90).optional(),
        /** Workspaces by tag instead of one by name; `TF_WORKSPACE` then picks one. @default none */
        workspaceTags: z.array(z.string().min(1)).min(1).optional(),
        /** The project new workspaces go in. @default the organization's default project */
        project: z.string().min(1).optional(),
        /** Terraform Enterprise's host name. @default "app.terraform.io" */
        hostname: z.string().min(1).optional(),
      })
      .strict()
      .refine((cloud) => !(cloud.workspace && cloud.workspaceTags), "give workspace or workspaceTags, not both")
      .optional(),
  })
  .strict()
  .refine((backend) => !(backend.s3 && backend.cloud), "give s3 or cloud, not both")
  .default({});

export type BackendConfig = z.output<typeof backendSchema>;
export type BackendInput = z.input<typeof backendSchema>;

/** What names a stack's state: the stack and its environment. */
export interface StateOwner {
  readonly stackName: string;
  readonly namePrefix: string;
  readonly environment: string;
  readonly region: string;
}

/** Sets the stack's backend and the Terraform version it needs. */
export function configureBackend(scope: Construct, backend: BackendConfig, owner: StateOwner): void {
  if (backend.s3) {
    const s3 = backend.s3;
    const state = new S3Backend(scope, {
      bucket: s3.bucket,
      key: s3.key ?? `${owner.namePrefix}/${owner.environment}/terraform.tfstate`,
      region: s3.region ?? owner.region,
      encrypt: true,
      ...(s3.roleArn ? { assumeRole: { roleArn: s3.roleArn, sessionName: `${owner.stackName}-state` } } : {}),
      ...(s3.profile ? { profile: s3.profile } : {}),
      ...(s3.kmsKeyId ? { kmsKeyId: s3.kmsKeyId } : {}),
      ...(s3.workspaceKeyPrefix ? { workspaceKeyPrefix: s3.workspaceKeyPrefix } : {}),
    });
    // cdktf 0.21's S3Backend does not know `use_lockfile` (Terraform 1.10+): set it directly.
    state.addOverride("use_lockfile", true);
  } else if (backend.cloud) {
    const cloud = backend.cloud;
    new CloudBackend(scope, {
      organization: cloud.organization,
      hostname: cloud.hostname,
      workspaces: cloud.workspaceTags
        ? new TaggedCloudWorkspaces(cloud.workspaceTags, cloud.project)
        : new NamedCloudWorkspace(cloud.workspace ?? `${owner.namePrefix}-${owner.environment}`, cloud.project),
    });
  } else {
    new LocalBackend(scope, { path: `terraform.${owner.stackName}.tfstate` });
  }
}

/**
 * The backend the environment asks for, as CI and HCP Terraform runners set it: HashiCorp's own
 * `TF_CLOUD_ORGANIZATION` (with `TF_CLOUD_HOSTNAME`, `TF_CLOUD_PROJECT`) for HCP Terraform, else
 * `WEBHOOKS_STATE_BUCKET` (with `_REGION`, `_ROLE_ARN`, `_PROFILE`, `_KMS_KEY_ID`) for S3. Each
 * stack's workspace or key is its own; `TF_WORKSPACE` is left to Terraform, which reads it itself.
 */
export function backendFromEnvironment(env: NodeJS.ProcessEnv): BackendInput {
  const set = (name: string) => env[name] || undefined;
  if (set("TF_CLOUD_ORGANIZATION")) {
    return { cloud: { organization: env.TF_CLOUD_ORGANIZATION!, hostname: set("TF_CLOUD_HOSTNAME"), project: set("TF_CLOUD_PROJECT") } };
  }
  if (set("WEBHOOKS_STATE_BUCKET")) {
    return {
      s3: {
        bucket: env.WEBHOOKS_STATE_BUCKET!,
        region: set("WEBHOOKS_STATE_REGION"),
        roleArn: set("WEBHOOKS_STATE_ROLE_ARN"),
        profile: set("WEBHOOKS_STATE_PROFILE"),
        kmsKeyId: set("WEBHOOKS_STATE_KMS_KEY_ID"),
      },
    };
  }
  return {};
}
