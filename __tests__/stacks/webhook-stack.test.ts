import { Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { decodeSourcesSettings, SOURCES_ENV } from "../../delivery/source-settings";
import { VALIDATE_ENV } from "../../delivery/validate-settings";
import { checkRules } from "../../stacks/rules";
import { WebhookStack } from "../../stacks/webhook-stack";
import type { WebhookConfigInput } from "../../stacks/config";
import { describeTerraformChecks } from "../support/terraform";
import { onlyResource, resourcesOf } from "../support/synth";

const config: WebhookConfigInput = {
  environment: "stg",
  namePrefix: "acme-hooks",
  region: "eu-central-1",
  tags: { Team: "platform", CostCenter: "42" },
  sources: {
    users: { schema: "users", verification: { scheme: "hmac", header: "X-Signature" }, maxBodyBytes: 4096 },
    crm: {
      schema: "users",
      deliveryIdHeader: "X-Crm-Delivery",
      verification: { scheme: "hmac", header: "X-Crm-Signature", encoding: "base64", prefix: "v1=", algorithm: "sha512" },
    },
    slack: { schema: "slack-command", verification: { scheme: "slack", toleranceSeconds: 120 }, maxBodyBytes: 4096 },
  },
  api: { customDomain: { domainName: "hooks.acme.example", certificateArn: "arn:aws:acm:eu-central-1:123456789012:certificate/0b3c" } },
  stateMachine: { timeoutSeconds: 90 },
  queue: { visibilityTimeoutFactor: 4 },
};
const newStack = (overrides: Partial<WebhookConfigInput> = {}) => new WebhookStack(Testing.app(), "acme-stg", { ...config, ...overrides });
const synth = Testing.synth(newStack());

describe("WebhookStack with three sources and a custom domain", () => {
  it("tags every resource through the provider's default tags", () => {
    expect(synth).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-central-1",
      default_tags: [{ tags: { Team: "platform", CostCenter: "42", Application: "acme-hooks", Environment: "stg", ManagedBy: "cdktf" } }],
    });
  });

  it("names resources from the prefix and environment", () => {
    const names = [
      ...Object.values(resourcesOf(synth, "aws_lambda_function")).map((r) => r.function_name),
      ...Object.values(resourcesOf(synth, "aws_sqs_queue")).map((r) => r.name),
      ...Object.values(resourcesOf(synth, "aws_iam_role")).map((r) => r.name),
      onlyResource(synth, "aws_sfn_state_machine").name,
      onlyResource(synth, "aws_pipes_pipe").name,
      onlyResource(synth, "aws_api_gateway_rest_api").name,
    ];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(name).toMatch(/^acme-hooks-stg-/);
    for (const role of Object.values(resourcesOf(synth, "aws_iam_role"))) expect(role.name.length).toBeLessThanOrEqual(64);
  });

  it("gives each source a route, a model and a secret with no value in Terraform", () => {
    const paths = Object.values(resourcesOf(synth, "aws_api_gateway_resource")).map((r) => r.path_part);
    expect(paths.sort()).toEqual(["crm", "slack", "users", "webhooks"]);
    expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, { name: "acme-hooks/stg/users" });
    expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, { name: "acme-hooks/stg/crm" });
    expect(Object.keys(resourcesOf(synth, "aws_secretsmanager_secret_version"))).toEqual([]);
  });

  it("tells the validate function each source's settings and lets it read only those secrets", () => {
    const validate = Object.values(resourcesOf(synth, "aws_lambda_function")).find((f) => f.function_name.endsWith("-validate"))!;
    const settings = decodeSourcesSettings(validate.environment.variables[SOURCES_ENV]);
    expect(Object.keys(settings)).toEqual(["users", "crm", "slack"]);
    expect(settings.crm.verification).toEqual({
      scheme: "hmac",
      algorithm: "sha512",
      encoding: "base64",
      header: "x-crm-signature",
      prefix: "v1=",
      signedContent: "{body}",
      timestampFormat: "unix",
      toleranceSeconds: 300,
    });
    expect(settings.slack.verification).toEqual({ scheme: "slack", toleranceSeconds: 120 });
    expect(validate.environment.variables.POWERTOOLS_METRICS_NAMESPACE).toBe("Webhooks/acme-hooks-stg");
    // By name, known at synth; the role is granted each secret by its ARN, which IAM judges the call by.
    expect([settings.users.secretId, settings.crm.secretId, settings.slack.secretId]).toEqual(["acme-hooks/stg/users", "acme-hooks/stg/crm", "acme-hooks/stg/slack"]);
    const policy = Object.values(resourcesOf(synth, "aws_iam_role_policy")).find((p) => p.policy.includes("secretsmanager:"))!;
    expect(JSON.parse(policy.policy).Statement).toContainEqual({
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: ["users", "crm", "slack"].map((source) => `\${aws_secretsmanager_secret.secret-${source}.arn}`),
    });
  });

  it("lets the validate function quarantine deliveries and claim replays, and nothing more", () => {
    const validate = Object.values(resourcesOf(synth, "aws_lambda_function")).find((f) => f.function_name.endsWith("-validate"))!;
    const quarantine = Object.entries(resourcesOf(synth, "aws_sqs_queue")).find(([, q]) => q.name === "acme-hooks-stg-quarantine")!;
    const [tableId] = Object.keys(resourcesOf(synth, "aws_dynamodb_table"));
    expect(validate.environment.variables).toMatchObject({
      [VALIDATE_ENV.quarantineQueueUrl]: `\${aws_sqs_queue.${quarantine[0]}.url}`,
      [VALIDATE_ENV.replayClaimsTable]: `\${aws_dynamodb_table.${tableId}.name}`,
      // The idempotency window: the DLQ's retention and a day.
      [VALIDATE_ENV.replayWindowSeconds]: String(15 * 86_400),
    });
    const policy = Object.values(resourcesOf(synth, "aws_iam_role_policy")).find((p) => p.policy.includes("secretsmanager:"))!;
    const statements = JSON.parse(policy.policy).Statement;
    expect(statements).toContainEqual({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: `\${aws_sqs_queue.${quarantine[0]}.arn}` });
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      Resource: `\${aws_dynamodb_table.${tableId}.arn}`,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["replay#*"] } },
    });
  });

  it("keeps rejected deliveries in an encrypted, TLS-only quarantine for 14 days by default, or as configured", () => {
    const quarantineOf = (s: string) => Object.values(resourcesOf(s, "aws_sqs_queue")).find((q) => q.name.endsWith("-quarantine"));
    expect(quarantineOf(synth)).toMatchObject({ message_retention_seconds: 14 * 86_400, sqs_managed_sse_enabled: true, max_message_size: 262_144 });
    expect(quarantineOf(synth)).not.toHaveProperty("redrive_policy");
    expect(quarantineOf(Testing.synth(newStack({ quarantine: { retentionSeconds: 3_600 } })))).toMatchObject({ message_retention_seconds: 3_600 });
  });

  it("reserves concurrency for both functions, or none when told", () => {
    const concurrency = (s: string) => Object.fromEntries(Object.values(resourcesOf(s, "aws_lambda_function")).map((f) => [f.function_name, f.reserved_concurrent_executions]));
    expect(concurrency(synth)).toEqual({ "acme-hooks-stg-validate": 10, "acme-hooks-stg-process": 20 });
    expect(concurrency(Testing.synth(newStack({ pipe: { batchSize: 5 }, functions: { reservedConcurrency: { validate: null, process: 5 } } })))).toEqual({
      "acme-hooks-stg-validate": undefined,
      "acme-hooks-stg-process": 5,
    });
  });

  it("derives the visibility timeout from the state machine timeout", () => {
    const queue = Object.values(resourcesOf(synth, "aws_sqs_queue")).find((q) => q.name === "acme-hooks-stg-deliveries")!;
    expect(queue.visibility_timeout_seconds).toBe(4 * 90);
    expect(JSON.parse(onlyResource(synth, "aws_sfn_state_machine").definition).TimeoutSeconds).toBe(90);
  });

  it("routes each source as its sender posts: forms for Slack, the sender's delivery id header where it has one", () => {
    const integrations = Object.entries(resourcesOf(synth, "aws_api_gateway_integration"));
    const templates = (source: string) => integrations.find(([id]) => id.includes(`_${source}-`))![1].request_templates;
    expect(Object.keys(templates("slack")).sort()).toEqual(["application/json", "application/x-www-form-urlencoded"]);
    expect(Object.keys(templates("users"))).toEqual(["application/json"]);
    expect(templates("slack")["application/json"]).toContain('#set($url = "https://hooks.acme.example/webhooks/slack")');
    // crm takes any body API Gateway does: stored, its delivery id, signature and public URL in the object's metadata.
    const crm = integrations.find(([id]) => id.includes("_crm-"))![1];
    expect(crm).toMatchObject({ type: "AWS", integration_http_method: "PUT", passthrough_behavior: "WHEN_NO_TEMPLATES" });
    expect(crm.uri).toMatch(/:s3:path\/\$\{aws_s3_bucket\.\S+\.bucket\}\/crm\/\{key\}$/);
    expect(crm.request_templates).toBeUndefined();
    expect(crm.request_parameters).toMatchObject({
      "integration.request.path.key": "context.requestId",
      "integration.request.header.x-amz-meta-delivery-id": "method.request.header.x-crm-delivery",
      "integration.request.header.x-amz-meta-h-x-crm-signature": "method.request.header.x-crm-signature",
      "integration.request.header.x-amz-meta-public-url": "'https://hooks.acme.example/webhooks/crm'",
    });
  });

  it("outputs each endpoint and secret, the queues, state machine, bus, table, alarm topic, dashboard, metrics and domain", () => {
    const outputs = JSON.parse(synth).output;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        "alarm-topic-arn",
        "api-domain-target",
        "dashboard-name",
        "dead-letter-queue-arn",
        "dead-letter-queue-url",
        "event-bus-name",
        "idempotency-table-name",
        "queue-arn",
        "endpoint-crm",
        "endpoint-slack",
        "endpoint-users",
        "metrics-namespace",
        "queue-url",
        "quarantine-queue-arn",
        "quarantine-queue-url",
        "secret-arn-crm",
        "secret-arn-slack",
        "secret-arn-users",
        "state-machine-arn",
      ].sort(),
    );
    expect(outputs["endpoint-users"].value).toBe("https://hooks.acme.example/webhooks/users");
    expect(JSON.parse(Testing.synth(newStack({ api: {} }))).output["endpoint-users"].value).toMatch(/\.invoke_url\}\/webhooks\/users$/);
  });

  it("passes every compliance rule, with its decisions written on the resources (Testing.synth strips them)", () => {
    const terraform = newStack().toTerraform();
    expect(checkRules(terraform)).toEqual([]);
    expect(checkRules(JSON.parse(synth)).length).toBeGreaterThan(0);
  });

  it("refuses to synthesize when a change breaks a rule", () => {
    const stack = newStack();
    new IamRolePolicy(stack, "too-broad", {
      role: "acme-hooks-stg-process-fn",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
    });
    expect(() => Testing.synth(stack, true)).toThrow(/\[WH_AWS_2\] aws_iam_role_policy\.too-broad allows the wildcard action "s3:\*"/);
  });

  it("synthesizes a finding the config suppresses with a reason, and only that one", () => {
    const reason = "The build cache role reads any object of the team's own artifact buckets";
    const stack = newStack({ policy: { suppressions: [{ rule: "WH_AWS_2", reason, resources: ["aws_iam_role_policy.too-*"] }] } });
    new IamRolePolicy(stack, "too-broad", {
      role: "acme-hooks-stg-process-fn",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::acme-artifacts-*" }] }),
    });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    new IamRolePolicy(stack, "also-broad", {
      role: "acme-hooks-stg-process-fn",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::acme-artifacts-*" }] }),
    });
    expect(() => Testing.synth(stack, true)).toThrow(/\[WH_AWS_2\] aws_iam_role_policy\.also-broad allows the wildcard action "s3:Get\*"/);
  });

  it("carries a few sources' settings as readable JSON, many compressed, and refuses more than fit, before deploy", () => {
    const many = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`source-${i}`, { schema: "users" as const, verification: { scheme: "hmac" as const, header: `X-Sig-${i}` } }]));
    const sourcesValue = (stack: WebhookStack) =>
      Object.values(resourcesOf(Testing.synth(stack), "aws_lambda_function")).find((f) => f.function_name.endsWith("-validate"))!.environment.variables[SOURCES_ENV] as string;
    expect(sourcesValue(newStack({ sources: many(8) }))).toMatch(/^\{"source-0":/);
    const fifty = sourcesValue(newStack({ sources: many(50) }));
    expect(fifty).toMatch(/^gzip:/);
    expect(Object.keys(decodeSourcesSettings(fifty))).toHaveLength(50);
    expect(decodeSourcesSettings(fifty)["source-49"]).toMatchObject({ secretId: "acme-hooks/stg/source-49", verification: { header: "x-sig-49" } });
    // Past about 100 sources, the validate role's policy (each secret's ARN) outgrows IAM's 10,240 characters first.
    expect(() => newStack({ sources: many(120) })).toThrow(/sources: the 120 sources' secrets take about \d+ characters of the validate function's role policy/);
    expect(() => newStack({ sources: many(400) })).toThrow(/sources: the 400 sources' settings take \d+ bytes of the validate function's environment, compressed/);
  });

  it("reports every configuration problem at once", () => {
    expect(() => newStack({ namePrefix: "X", logRetentionDays: 2 })).toThrow(/namePrefix: [\s\S]*logRetentionDays: /);
  });
});

describeTerraformChecks("WebhookStack with three sources and a custom domain against the real AWS provider", newStack);
