import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { backendFromEnvironment, backendSchema, configureBackend, REQUIRED_TERRAFORM_VERSION, type BackendInput } from "../../stacks/backend";
import { initWithBackend, terraformReady, validateWithoutBackend } from "../support/terraform";

const owner = { stackName: "webhooks-prod", namePrefix: "webhooks", environment: "prod", region: "eu-west-1" };

/** A stack with only a provider and the backend, as the app's stacks set it. */
function stackWith(input: BackendInput) {
  const stack = new TerraformStack(Testing.app(), owner.stackName);
  configureBackend(stack, backendSchema.parse(input), owner);
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  new AwsProvider(stack, "aws", { region: owner.region });
  return stack;
}
const terraformOf = (input: BackendInput) => JSON.parse(Testing.synth(stackWith(input))).terraform;

/** Each backend kind, and the first error an offline `terraform init` gives once it has accepted the arguments. */
const KINDS: Record<string, BackendInput> = {
  local: {},
  "s3, every option": {
    s3: {
      bucket: "acme-tf-state",
      region: "us-east-1",
      roleArn: "arn:aws:iam::111122223333:role/terraform-state",
      profile: "platform",
      kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-86ef-1234567890ab",
      workspaceKeyPrefix: "workspaces",
    },
  },
  "HCP Terraform, a named workspace": { cloud: { organization: "acme" } },
  "Terraform Enterprise, tagged workspaces in a project": { cloud: { organization: "acme", workspaceTags: ["webhooks"], project: "platform", hostname: "tfe.acme.example" } },
};

describe("the state backend", () => {
  it("keeps state in a local file when nothing is set", () => {
    expect(terraformOf({})).toMatchObject({ backend: { local: { path: "terraform.webhooks-prod.tfstate" } }, required_version: ">= 1.10" });
  });

  it("puts state in S3, encrypted and locked by S3 itself, with a role, a profile, a KMS key and a workspace prefix", () => {
    expect(terraformOf(KINDS["s3, every option"]).backend.s3).toEqual({
      bucket: "acme-tf-state",
      key: "webhooks/prod/terraform.tfstate",
      region: "us-east-1",
      encrypt: true,
      use_lockfile: true,
      assume_role: { role_arn: "arn:aws:iam::111122223333:role/terraform-state", session_name: "webhooks-prod-state" },
      profile: "platform",
      kms_key_id: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-86ef-1234567890ab",
      workspace_key_prefix: "workspaces",
    });
    expect(terraformOf({ s3: { bucket: "state" } }).backend.s3).toEqual({ bucket: "state", key: "webhooks/prod/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true });
  });

  it("uses HCP Terraform with one workspace per stack, or workspaces by tag, on any host", () => {
    expect(terraformOf(KINDS["HCP Terraform, a named workspace"]).cloud).toEqual({ organization: "acme", workspaces: { name: "webhooks-prod" } });
    expect(terraformOf(KINDS["Terraform Enterprise, tagged workspaces in a project"]).cloud).toEqual({
      organization: "acme",
      hostname: "tfe.acme.example",
      workspaces: { tags: ["webhooks"], project: "platform" },
    });
  });

  it("refuses two backends, a workspace given two ways, and ARNs of the wrong kind", () => {
    const problems = (input: unknown) => backendSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(problems({ s3: { bucket: "state" }, cloud: { organization: "o" } })).toEqual([": give s3 or cloud, not both"]);
    expect(problems({ cloud: { organization: "o", workspace: "w", workspaceTags: ["t"] } })).toEqual(["cloud: give workspace or workspaceTags, not both"]);
    expect(problems({ s3: { bucket: "state", roleArn: "arn:aws:kms:us-east-1:111122223333:key/x", kmsKeyId: "key-1" } })).toEqual([
      "s3.roleArn: an IAM role ARN",
      "s3.kmsKeyId: a KMS key ARN, key id or alias",
    ]);
    expect(problems({ s3: { bucket: "state", kmsKeyId: "alias/terraform-state" } })).toBeUndefined();
  });

  it("is chosen by the environment as HashiCorp and this project name it: HCP Terraform first, then S3", () => {
    expect(backendFromEnvironment({})).toEqual({});
    expect(backendFromEnvironment({ TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_HOSTNAME: "tfe.acme.example", TF_CLOUD_PROJECT: "p", WEBHOOKS_STATE_BUCKET: "b" })).toEqual({
      cloud: { organization: "acme", hostname: "tfe.acme.example", project: "p" },
    });
    expect(backendFromEnvironment({ WEBHOOKS_STATE_BUCKET: "b", WEBHOOKS_STATE_ROLE_ARN: "arn:aws:iam::1:role/r", WEBHOOKS_STATE_KMS_KEY_ID: "" })).toEqual({
      s3: { bucket: "b", region: undefined, roleArn: "arn:aws:iam::1:role/r", profile: undefined, kmsKeyId: undefined },
    });
  });

  // Past argument checks, each kind fails only where it reaches for its state: a profile, a role, a host.
  const reachedFor: Record<string, string | undefined> = {
    local: undefined,
    "s3, every option": "failed to get shared config profile, platform",
    "HCP Terraform, a named workspace": 'Failed to request discovery document: Get "https://app.terraform.io/.well-known/terraform.json": dial tcp: lookup app.terraform.io',
    "Terraform Enterprise, tagged workspaces in a project": 'Failed to request discovery document: Get "https://tfe.acme.example/.well-known/terraform.json": dial tcp: lookup tfe.acme.example',
  };
  const validates = () => {
    it.each(Object.entries(KINDS))("%s: passes terraform validate (init -backend=false)", (_kind, input) => {
      expect(validateWithoutBackend(stackWith(input))).toEqual({ valid: true, diagnostics: [] });
    }, 120_000);
    it.each(Object.entries(KINDS))("%s: has arguments Terraform's backend accepts (init, offline)", (kind, input) => {
      const error = initWithBackend(stackWith(input));
      if (reachedFor[kind] === undefined) expect(error).toBeUndefined();
      else expect(error).toContain(reachedFor[kind]);
    }, 120_000);
    it("would catch a backend argument Terraform refuses", () => {
      expect(initWithBackend(stackWith({ s3: { bucket: "state", kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }))).toBe("Invalid KMS Key ARN");
    }, 120_000);
  };
  if (terraformReady()) describe("against the real Terraform", validates);
  else describe.skip("against the real Terraform (unavailable, see the warning above)", validates);
});
