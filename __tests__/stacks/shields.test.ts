import { Testing } from "cdktf";
import { checkRules } from "../../stacks/rules";
import type { WebhookConfigInput } from "../../stacks/config";
import { REFRESHED_RANGES } from "../../senders/ip-ranges";
import { WebhookStack } from "../../stacks/webhook-stack";
import { resourcesOf } from "../support/synth";
import { describeTerraformChecks } from "../support/terraform";
import type { TerraformArguments } from "../../stacks/terraform-json";

const SHIELDED: WebhookConfigInput = {
  environment: "sec",
  sources: {
    github: { schema: "github", verification: { scheme: "github" }, allowedSourceIps: "published" },
    stripe: { schema: "stripe", verification: { scheme: "stripe" }, allowedSourceIps: ["203.0.113.0/24", "2001:db8::/32"] },
    users: { schema: "users", verification: { scheme: "hmac", header: "X-Signature" } },
    meta: { schema: "github", verification: { scheme: "meta" } },
  },
  waf: { enabled: true },
  encryption: { customerManagedKey: true },
  codeSigning: { enabled: true },
};

const shieldedStack = (overrides: Partial<WebhookConfigInput> = {}) => new WebhookStack(Testing.app(), "shielded", { ...SHIELDED, ...overrides });
const synth = Testing.synth(shieldedStack());
const one = (type: string) => Object.values(resourcesOf(synth, type))[0];
const all = (type: string) => Object.values(resourcesOf(synth, type));
const statementsOf = (policy: string) => JSON.parse(policy).Statement as TerraformArguments[];

describe("the shields, all on", () => {
  it("break no rule, and need no suppression for what they fix", () => {
    const terraform = shieldedStack().toTerraform();
    expect(checkRules(terraform)).toEqual([]);
    const skipped = Object.values(terraform.resource as Record<string, Record<string, TerraformArguments>>)
      .flatMap((byName) => Object.values(byName))
      .flatMap((resource) => (resource["//"]?.checkov?.skip ?? []).map((skip: { id: string }) => skip.id));
    for (const fixed of ["CKV2_AWS_29", "CKV2_AWS_73", "CKV_AWS_119", "CKV_AWS_149", "CKV_AWS_158", "CKV_AWS_173", "CKV_AWS_272", "CKV_AWS_145"]) expect(skipped).not.toContain(fixed);
  });

  it("put a web ACL on the stage: body size, rate per IP, the managed groups, logs without credentials", () => {
    const acl = one("aws_wafv2_web_acl");
    expect(acl.rule.map((r: { name: string; priority: number }) => [r.priority, r.name])).toEqual([
      [0, "body-larger-than-queue-accepts"],
      [1, "rate-per-source-ip"],
      [2, "AWSManagedRulesAmazonIpReputationList"],
      [3, "AWSManagedRulesAnonymousIpList"],
      [4, "AWSManagedRulesKnownBadInputsRuleSet"],
    ]);
    // 225 KiB envelopes carry bodies of at most 3/4 of that, in base64.
    // A stored route takes every body API Gateway does: the firewall refuses only what API Gateway would.
    expect(acl.rule[0].statement.regex_match_statement.regex_string).toMatch(/1047552\[1-9\]\)\$$/);
    expect(acl.rule[1].statement.rate_based_statement).toEqual({ limit: 15_000, aggregate_key_type: "IP", evaluation_window_sec: 300 });
    expect(acl.rule[3].statement.managed_rule_group_statement.rule_action_override).toEqual([{ name: "HostingProviderIPList", action_to_use: { count: {} } }]);
    expect(one("aws_wafv2_web_acl_association").resource_arn).toMatch(/^\$\{aws_api_gateway_stage\.api_stage_\w+\.arn\}$/);
    const logging = one("aws_wafv2_web_acl_logging_configuration");
    expect(logging.redacted_fields.map((f: { single_header?: { name: string } }) => f.single_header?.name)).toEqual(
      expect.arrayContaining(["authorization", "cookie", "x-hub-signature-256", "stripe-signature", "x-signature"]),
    );
    // Meta's handshake carries its verify token in the query string.
    expect(logging.redacted_fields).toContainEqual({ query_string: {} });
    expect(all("aws_cloudwatch_log_group").map((g) => g.name)).toContain("aws-waf-logs-webhooks-sec");
  });

  it("let an allowlisted route be called from its sender's ranges only, and redeploy when they change", () => {
    const [allowAll, github, stripe] = statementsOf(one("aws_api_gateway_rest_api_policy").policy);
    expect(allowAll).toMatchObject({ Effect: "Allow", Principal: "*", Action: ["execute-api:Invoke"] });
    expect(github).toMatchObject({ Effect: "Deny", Resource: expect.stringMatching(/\/\*\/\*\/webhooks\/github$/), Condition: { NotIpAddress: { "aws:SourceIp": REFRESHED_RANGES.github.ranges } } });
    expect(stripe.Condition.NotIpAddress["aws:SourceIp"]).toEqual(["203.0.113.0/24", "2001:db8::/32"]);
    const trigger = (stack: WebhookStack) => Object.values(resourcesOf(Testing.synth(stack), "aws_api_gateway_deployment"))[0].triggers.redeployment;
    const moved = shieldedStack({ sources: { ...SHIELDED.sources, stripe: { schema: "stripe", verification: { scheme: "stripe" }, allowedSourceIps: ["198.51.100.0/24"] } } });
    expect(trigger(moved)).not.toBe(trigger(shieldedStack()));
    expect(Object.values(resourcesOf(Testing.synth(shieldedStack()), "aws_api_gateway_deployment"))[0].depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_api_gateway_rest_api_policy\./)]),
    );
  });

  it("encrypt everything at rest with one rotating key, which the roles use through SQS and Secrets Manager only", () => {
    const dataKey = all("aws_kms_key").find((k) => /deliveries, secrets and logs/.test(k.description))!;
    expect(dataKey).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const keyPolicy = statementsOf(dataKey.policy);
    expect(keyPolicy.map((s) => s.Sid)).toEqual(["AccountManagesKeyThroughIam", "CloudWatchLogsEncryptsThisAccountsLogGroups", "S3NotifiesThisAccountsQueues"]);
    // S3 encrypts its notifications to the stack's queues, for this account's buckets only.
    expect(keyPolicy[2]).toMatchObject({ Principal: { Service: "s3.amazonaws.com" }, Action: ["kms:GenerateDataKey", "kms:Decrypt"] });
    expect(keyPolicy[2].Condition.StringEquals["aws:SourceAccount"]).toMatch(/^\$\{local\./);
    expect(one("aws_s3_bucket_server_side_encryption_configuration").rule[0]).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.key_\w+\.arn\}$/) },
      bucket_key_enabled: true,
    });
    expect(keyPolicy[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toMatch(/:log-group:\*$/);
    const keyRef = expect.stringMatching(/^\$\{aws_kms_key\.key_\w+\.arn\}$/);
    for (const queue of all("aws_sqs_queue")) expect(queue).toMatchObject({ kms_master_key_id: keyRef, kms_data_key_reuse_period_seconds: 300 });
    for (const queue of all("aws_sqs_queue")) expect(queue.sqs_managed_sse_enabled).toBeUndefined();
    expect(one("aws_dynamodb_table").server_side_encryption).toEqual({ enabled: true, kms_key_arn: keyRef });
    for (const secret of all("aws_secretsmanager_secret")) expect(secret.kms_key_id).toEqual(keyRef);
    for (const group of all("aws_cloudwatch_log_group")) expect(group.kms_key_id).toEqual(keyRef);
    for (const fn of all("aws_lambda_function")) expect(fn.kms_key_arn).toEqual(keyRef);
    const keyUse = all("aws_iam_role_policy").flatMap((p) => statementsOf(p.policy)).filter((s) => s.Action.some((a: string) => a.startsWith("kms:")));
    expect(keyUse.length).toBeGreaterThanOrEqual(5);
    for (const statement of keyUse) {
      expect(statement.Resource).toEqual(keyRef);
      expect(statement.Condition.StringEquals["kms:ViaService"]).toMatch(/^(sqs|secretsmanager|s3)\.(us-east-1|\$\{local\.pipe_region_\w+\})\.amazonaws\.com$/);
    }
  });

  it("deploy each function from its Signer-signed bundle, under a config that trusts only the pipeline's profile", () => {
    expect(one("aws_signer_signing_profile")).toMatchObject({ platform_id: "AWSLambda-SHA384-ECDSA", name_prefix: "webhooks_sec_lambda_" });
    expect(one("aws_lambda_code_signing_config")).toMatchObject({
      allowed_publishers: { signing_profile_version_arns: [expect.stringMatching(/aws_signer_signing_profile\.\S+\.version_arn\}$/)] },
      policies: { untrusted_artifact_on_deployment: "Enforce" },
    });
    expect(one("aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    const functions = all("aws_lambda_function");
    expect(functions.map((fn) => fn.function_name).sort()).toEqual(["webhooks-sec-handshake", "webhooks-sec-process", "webhooks-sec-validate"]);
    for (const fn of functions) {
      expect(fn.filename).toBeUndefined();
      expect(fn.s3_key).toMatch(/^\$\{aws_signer_signing_job\.\S+\.signed_object\[0\]\.s3\[0\]\.key\}$/);
      expect(fn.code_signing_config_arn).toMatch(/aws_lambda_code_signing_config/);
    }
    const jobs = all("aws_signer_signing_job");
    expect(jobs.map((job) => job.source.s3.version)).toEqual(functions.map(() => expect.stringMatching(/aws_s3_object\.\S+\.version_id\}$/)));
  });

  it("are all off by default: no firewall, key, resource policy or signing", () => {
    const plain = Testing.synth(shieldedStack({ waf: {}, encryption: {}, codeSigning: {}, sources: { users: SHIELDED.sources.users } }));
    for (const type of ["aws_wafv2_web_acl", "aws_api_gateway_rest_api_policy", "aws_signer_signing_profile"]) expect(resourcesOf(plain, type)).toEqual({});
    // The only bucket is the payload bucket, encrypted by S3's own keys.
    expect(Object.values(resourcesOf(plain, "aws_s3_bucket"))).toEqual([{ bucket_prefix: "webhooks-sec-body-" }]);
    expect(Object.values(resourcesOf(plain, "aws_s3_bucket_server_side_encryption_configuration"))[0].rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: "AES256" });
    expect(Object.values(resourcesOf(plain, "aws_kms_key")).map((k) => k.description)).toEqual([expect.stringMatching(/alarm topic/)]);
  });
});

describeTerraformChecks("the stack with every shield on, against the real AWS provider", () => shieldedStack());
