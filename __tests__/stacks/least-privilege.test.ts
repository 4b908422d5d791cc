import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { buildApp } from "../../main";
import { REPLAY_KEY_PREFIX } from "../../delivery/replay";
import { WebhookPipeline } from "../../stacks/webhook-pipeline";
import { WebhookStack } from "../../stacks/webhook-stack";
import { ACCOUNT, OTHER_ACCOUNT, REGION, resolver, rolesOf } from "../support/resolved-policies";

/**
 * Least privilege, proven: each role's policies as synthesized (references resolved to the ARNs
 * they will have) evaluated by an IAM policy simulator. What the pipeline does is allowed on
 * exactly its resources; the neighbours (another queue, another secret, a destructive action,
 * another account) are denied.
 */
type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";
type Role = ReturnType<typeof rolesOf>[string];

const arn = {
  queue: (name: string, account = ACCOUNT) => `arn:aws:sqs:${REGION}:${account}:${name}`,
  secret: (name: string, account = ACCOUNT) => `arn:aws:secretsmanager:${REGION}:${account}:secret:${name}-AbCdEf`,
  table: (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
  fn: (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  bus: (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`,
  machine: (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
  object: (bucketPrefix: string, key: string) => `arn:aws:s3:::${bucketPrefix}0a1b2c3d4e5f/${key}`,
  logStream: (group: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:log-stream:2026/11/29/abc`,
};

/**
 * What the role's policies decide for one request in its own account, with the resource's policy
 * where the resource has one that must allow too (a KMS key's).
 */
async function decide(role: Role, action: string, resource: string, context: Record<string, string | string[]> = {}, resourcePolicy?: unknown): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: role.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
      request: { action, principal: `arn:aws:iam::${ACCOUNT}:role/the-role`, resource: { accountId: resource.split(":")[4] || ACCOUNT, resource }, contextVariables: context },
    },
    {},
  );
  return response.resultType === "error" ? `error: ${JSON.stringify(response.errors)}` : response.overallResult;
}

/** Whether a service may assume the role, acting with `context` (its source account and ARN). */
async function mayAssume(role: Role, service: string, context: Record<string, string>): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: role.trust,
      request: { action: "sts:AssumeRole", principal: service, resource: { accountId: ACCOUNT, resource: `arn:aws:iam::${ACCOUNT}:role/the-role` }, contextVariables: context },
    },
    {},
  );
  return response.resultType === "error" ? `error: ${JSON.stringify(response.errors)}` : response.overallResult;
}

const expectDecisions = async (role: Role, cases: readonly [action: string, resource: string, expected: Decision, context?: Record<string, string | string[]>][], resourcePolicy?: unknown) => {
  const decided = await Promise.all(cases.map(async ([action, resource, , context]) => [action, resource, await decide(role, action, resource, context, resourcePolicy)]));
  expect(decided).toEqual(cases.map(([action, resource, expected]) => [action, resource, expected]));
};

describe("the default app's roles, through an IAM policy simulator", () => {
  const roles = rolesOf(buildApp(Testing.app(), {}).node.children[0] as WebhookStack);
  const P = "webhooks-dev";

  it("has exactly the roles it needs", () => {
    expect(Object.keys(roles).sort()).toEqual([`${P}-api-cloudwatch`, `${P}-api-sqs`, `${P}-pipe-pipe`, `${P}-pipeline-sfn`, `${P}-process-fn`, `${P}-validate-fn`]);
  });

  it("lets API Gateway send to the deliveries queue and store the stored routes' bodies, and nothing else", async () => {
    const body = (key: string) => arn.object(`${P}-body-`, key);
    await expectDecisions(roles[`${P}-api-sqs`], [
      ["s3:PutObject", body("github/0b6c5e5e-request-id"), "Allowed"],
      ["s3:PutObject", body("stripe/0b6c5e5e-request-id"), "Allowed"],
      ["s3:PutObject", body("elsewhere/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["s3:PutObject", arn.object(`${P.replace("dev", "prod")}-body-`, "github/x"), "ImplicitlyDenied"],
      ["s3:GetObject", body("github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["s3:DeleteObject", body("github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["sqs:SendMessage", arn.queue(`${P}-deliveries`), "Allowed"],
      ["sqs:SendMessage", arn.queue(`${P}-deliveries-dlq`), "ImplicitlyDenied"],
      ["sqs:SendMessage", arn.queue(`${P}-quarantine`), "ImplicitlyDenied"],
      ["sqs:SendMessage", arn.queue(`${P}-deliveries`, OTHER_ACCOUNT), "ImplicitlyDenied"],
      ["sqs:ReceiveMessage", arn.queue(`${P}-deliveries`), "ImplicitlyDenied"],
      ["sqs:DeleteQueue", arn.queue(`${P}-deliveries`), "ImplicitlyDenied"],
    ]);
  });

  it("lets the pipe read and delete from the queue and start this state machine, and nothing else", async () => {
    await expectDecisions(roles[`${P}-pipe-pipe`], [
      ["sqs:ReceiveMessage", arn.queue(`${P}-deliveries`), "Allowed"],
      ["sqs:DeleteMessage", arn.queue(`${P}-deliveries`), "Allowed"],
      ["states:StartSyncExecution", arn.machine(`${P}-pipeline`), "Allowed"],
      ["logs:PutLogEvents", arn.logStream(`/aws/vendedlogs/pipes/${P}-pipe`), "Allowed"],
      ["sqs:ReceiveMessage", arn.queue(`${P}-deliveries-dlq`), "ImplicitlyDenied"],
      ["sqs:SendMessage", arn.queue(`${P}-deliveries`), "ImplicitlyDenied"],
      ["sqs:PurgeQueue", arn.queue(`${P}-deliveries`), "ImplicitlyDenied"],
      ["states:StartSyncExecution", arn.machine("someone-elses"), "ImplicitlyDenied"],
      ["states:StartExecution", arn.machine(`${P}-pipeline`), "ImplicitlyDenied"],
      ["logs:PutLogEvents", arn.logStream(`/aws/lambda/${P}-validate`), "ImplicitlyDenied"],
    ]);
  });

  it("lets the state machine invoke its two functions, and no other", async () => {
    await expectDecisions(roles[`${P}-pipeline-sfn`], [
      ["lambda:InvokeFunction", arn.fn(`${P}-validate`), "Allowed"],
      ["lambda:InvokeFunction", arn.fn(`${P}-process`), "Allowed"],
      ["lambda:InvokeFunction", arn.fn(`${P}-handshake`), "ImplicitlyDenied"],
      ["lambda:InvokeFunction", arn.fn("payroll"), "ImplicitlyDenied"],
      ["lambda:UpdateFunctionCode", arn.fn(`${P}-process`), "ImplicitlyDenied"],
    ]);
  });

  it("lets the validate function read the sources' secrets, quarantine, and claim replays, and nothing else", async () => {
    const replayKey = { "dynamodb:LeadingKeys": [`${REPLAY_KEY_PREFIX}github#abc`] };
    await expectDecisions(roles[`${P}-validate-fn`], [
      ["secretsmanager:GetSecretValue", arn.secret("webhooks/dev/github"), "Allowed"],
      ["secretsmanager:GetSecretValue", arn.secret("webhooks/dev/stripe"), "Allowed"],
      ["sqs:SendMessage", arn.queue(`${P}-quarantine`), "Allowed"],
      ["dynamodb:UpdateItem", arn.table(`${P}-idempotency`), "Allowed", replayKey],
      ["dynamodb:GetItem", arn.table(`${P}-idempotency`), "Allowed", replayKey],
      ["logs:PutLogEvents", arn.logStream(`/aws/lambda/${P}-validate`), "Allowed"],
      ["s3:GetObject", arn.object(`${P}-body-`, "github/0b6c5e5e-request-id"), "Allowed"],
      ["s3:PutObject", arn.object(`${P}-body-`, "github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["s3:DeleteObject", arn.object(`${P}-body-`, "github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["s3:GetObject", arn.object(`${P.replace("dev", "prod")}-body-`, "github/x"), "ImplicitlyDenied"],
      ["secretsmanager:GetSecretValue", arn.secret("webhooks/prod/github"), "ImplicitlyDenied"],
      ["secretsmanager:GetSecretValue", arn.secret("webhooks/dev/github", OTHER_ACCOUNT), "ImplicitlyDenied"],
      ["secretsmanager:PutSecretValue", arn.secret("webhooks/dev/github"), "ImplicitlyDenied"],
      ["sqs:SendMessage", arn.queue(`${P}-deliveries`), "ImplicitlyDenied"],
      ["sqs:DeleteQueue", arn.queue(`${P}-quarantine`), "ImplicitlyDenied"],
      ["dynamodb:UpdateItem", arn.table(`${P}-idempotency`), "ImplicitlyDenied", { "dynamodb:LeadingKeys": ["github#abc"] }],
      ["dynamodb:GetItem", arn.table(`${P}-idempotency`), "ImplicitlyDenied", { "dynamodb:LeadingKeys": ["webhooks-dev-process#abc"] }],
      ["dynamodb:PutItem", arn.table(`${P}-idempotency`), "ImplicitlyDenied", replayKey],
      ["dynamodb:DeleteItem", arn.table(`${P}-idempotency`), "ImplicitlyDenied", replayKey],
      ["dynamodb:Scan", arn.table(`${P}-idempotency`), "ImplicitlyDenied"],
    ]);
  });

  it("lets the process function keep its records and put events on its bus, and nothing else", async () => {
    await expectDecisions(roles[`${P}-process-fn`], [
      ["dynamodb:PutItem", arn.table(`${P}-idempotency`), "Allowed"],
      ["dynamodb:GetItem", arn.table(`${P}-idempotency`), "Allowed"],
      ["events:PutEvents", arn.bus(`${P}-events`), "Allowed"],
      ["s3:GetObject", arn.object(`${P}-body-`, "github/0b6c5e5e-request-id"), "Allowed"],
      ["s3:PutObject", arn.object(`${P}-body-`, "github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["events:PutEvents", arn.bus("default"), "ImplicitlyDenied"],
      ["dynamodb:Scan", arn.table(`${P}-idempotency`), "ImplicitlyDenied"],
      ["dynamodb:DeleteTable", arn.table(`${P}-idempotency`), "ImplicitlyDenied"],
      ["secretsmanager:GetSecretValue", arn.secret("webhooks/dev/github"), "ImplicitlyDenied"],
    ]);
  });

  it("lets Step Functions assume its role only for this state machine in this account, and Pipes only for this account", async () => {
    const sfn = roles[`${P}-pipeline-sfn`];
    const pipe = roles[`${P}-pipe-pipe`];
    const machine = arn.machine(`${P}-pipeline`);
    expect(
      await Promise.all([
        mayAssume(sfn, "states.amazonaws.com", { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": machine }),
        mayAssume(sfn, "states.amazonaws.com", { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": arn.machine("another") }),
        mayAssume(sfn, "states.amazonaws.com", { "aws:SourceAccount": OTHER_ACCOUNT, "aws:SourceArn": machine.replace(ACCOUNT, OTHER_ACCOUNT) }),
        mayAssume(sfn, "pipes.amazonaws.com", { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": machine }),
        mayAssume(pipe, "pipes.amazonaws.com", { "aws:SourceAccount": ACCOUNT }),
        mayAssume(pipe, "pipes.amazonaws.com", { "aws:SourceAccount": OTHER_ACCOUNT }),
      ]),
    ).toEqual(["Allowed", "ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied", "Allowed", "ImplicitlyDenied"]);
  });
});

describe("with the customer-managed key, through an IAM policy simulator", () => {
  const stack = new WebhookStack(Testing.app(), "keyed", {
    sources: { github: { schema: "github", verification: { scheme: "github" } } },
    encryption: { customerManagedKey: true },
  });
  const roles = rolesOf(stack);
  const resolve = resolver(stack);
  const keys = (stack.toTerraform() as { resource: { aws_kms_key: Record<string, { policy: string }> } }).resource.aws_kms_key;
  const keyName = Object.keys(keys).find((name) => name.startsWith("key_"))!;
  const keyArn = resolve(`\${aws_kms_key.${keyName}.arn}`);
  const keyPolicy = JSON.parse(resolve(keys[keyName].policy));
  const via = (service: string) => ({ "kms:ViaService": `${service}.${REGION}.amazonaws.com` });

  it("lets each role use the key through the service it needs, never directly", async () => {
    await expectDecisions(roles["webhooks-dev-validate-fn"], [
      ["kms:Decrypt", keyArn, "Allowed", via("secretsmanager")],
      ["kms:GenerateDataKey", keyArn, "Allowed", via("sqs")],
      // Stored bodies are read through S3.
      ["kms:Decrypt", keyArn, "Allowed", via("s3")],
      ["kms:Decrypt", keyArn, "ImplicitlyDenied"],
      ["kms:GenerateDataKey", keyArn, "ImplicitlyDenied", via("s3")],
      ["kms:GenerateDataKey", keyArn, "ImplicitlyDenied", via("secretsmanager")],
    ], keyPolicy);
    await expectDecisions(roles["webhooks-dev-api-sqs"], [
      ["kms:GenerateDataKey", keyArn, "Allowed", via("sqs")],
      ["kms:GenerateDataKey", keyArn, "Allowed", via("s3")],
      ["kms:Decrypt", keyArn, "ImplicitlyDenied", via("s3")],
      ["kms:Decrypt", keyArn, "ImplicitlyDenied", via("secretsmanager")],
    ], keyPolicy);
    await expectDecisions(roles["webhooks-dev-pipe-pipe"], [
      ["kms:Decrypt", keyArn, "Allowed", via("sqs")],
      ["kms:GenerateDataKey", keyArn, "ImplicitlyDenied", via("sqs")],
    ], keyPolicy);
    await expectDecisions(roles["webhooks-dev-process-fn"], [
      ["kms:Decrypt", keyArn, "ImplicitlyDenied", via("sqs")],
      ["kms:Decrypt", keyArn, "Allowed", via("s3")],
    ], keyPolicy);
  });

  it("lets no other service, and no role without a grant of its own, use the key", async () => {
    // The simulator cannot match `kms:EncryptionContext:<key>` (it reads only `/` variables), so
    // CloudWatch Logs' statement is asserted as written in shields.test.ts instead.
    const response = await runSimulation(
      {
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: keyPolicy,
        request: { action: "kms:Decrypt", principal: "sqs.amazonaws.com", resource: { accountId: ACCOUNT, resource: keyArn }, contextVariables: {} },
      },
      {},
    );
    expect(response.resultType === "error" ? response.errors : response.overallResult).toBe("ImplicitlyDenied");
    await expectDecisions({ trust: {}, policies: [] }, [["kms:Decrypt", keyArn, "ImplicitlyDenied"]], keyPolicy);
  });

  it("lets S3 encrypt the payload bucket's notifications to the queue for this account's buckets only", async () => {
    const s3 = async (action: string, sourceAccount: string) => {
      const response = await runSimulation(
        {
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: keyPolicy,
          request: { action, principal: "s3.amazonaws.com", resource: { accountId: ACCOUNT, resource: keyArn }, contextVariables: { "aws:SourceAccount": sourceAccount } },
        },
        {},
      );
      return response.resultType === "error" ? response.errors : response.overallResult;
    };
    expect([await s3("kms:GenerateDataKey", ACCOUNT), await s3("kms:Decrypt", ACCOUNT)]).toEqual(["Allowed", "Allowed"]);
    expect([await s3("kms:GenerateDataKey", OTHER_ACCOUNT), await s3("kms:Encrypt", ACCOUNT), await s3("kms:CreateGrant", ACCOUNT)]).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });
});

describe("the grants a user gives their own roles, through an IAM policy simulator", () => {
  const stack = new TerraformStack(Testing.app(), "platform");
  new AwsProvider(stack, "aws", { region: REGION });
  const pipeline = new WebhookPipeline(stack, "hooks", { environment: "ops", sources: { github: { schema: "github", verification: { scheme: "github" } } } });
  const assumedByAccount = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] });
  pipeline.grantRedrive(new IamRole(stack, "on-call", { name: "on-call", assumeRolePolicy: assumedByAccount }));
  pipeline.grantPutSecretValues(new IamRole(stack, "secrets-admin", { name: "secrets-admin", assumeRolePolicy: assumedByAccount }));
  pipeline.grantReadPayloads(new IamRole(stack, "consumer", { name: "consumer", assumeRolePolicy: assumedByAccount }));
  const roles = rolesOf(stack);

  it("lets a consumer of the bus read stored bodies, and not write or delete them", async () => {
    await expectDecisions(roles.consumer, [
      ["s3:GetObject", arn.object("webhooks-ops-body-", "github/0b6c5e5e-request-id"), "Allowed"],
      ["s3:PutObject", arn.object("webhooks-ops-body-", "github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["s3:DeleteObject", arn.object("webhooks-ops-body-", "github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["s3:ListBucket", "arn:aws:s3:::webhooks-ops-body-0a1b2c3d4e5f", "ImplicitlyDenied"],
      ["s3:GetObject", arn.object("webhooks-dev-body-", "github/x"), "ImplicitlyDenied"],
    ]);
  });

  it("lets on-call move messages from the DLQ and the quarantine back to the queue, and do nothing destructive", async () => {
    await expectDecisions(roles["on-call"], [
      ["sqs:ReceiveMessage", arn.queue("webhooks-ops-deliveries-dlq"), "Allowed"],
      ["sqs:StartMessageMoveTask", arn.queue("webhooks-ops-deliveries-dlq"), "Allowed"],
      ["sqs:DeleteMessage", arn.queue("webhooks-ops-quarantine"), "Allowed"],
      ["sqs:SendMessage", arn.queue("webhooks-ops-deliveries"), "Allowed"],
      ["s3:GetObject", arn.object("webhooks-ops-body-", "github/0b6c5e5e-request-id"), "Allowed"],
      ["s3:DeleteObject", arn.object("webhooks-ops-body-", "github/0b6c5e5e-request-id"), "ImplicitlyDenied"],
      ["sqs:ReceiveMessage", arn.queue("webhooks-ops-deliveries"), "ImplicitlyDenied"],
      ["sqs:SendMessage", arn.queue("webhooks-ops-quarantine"), "ImplicitlyDenied"],
      ["sqs:PurgeQueue", arn.queue("webhooks-ops-deliveries-dlq"), "ImplicitlyDenied"],
      ["sqs:DeleteQueue", arn.queue("webhooks-ops-quarantine"), "ImplicitlyDenied"],
    ]);
  });

  it("lets a secrets admin set the sources' secret values, and not read them", async () => {
    await expectDecisions(roles["secrets-admin"], [
      ["secretsmanager:PutSecretValue", arn.secret("webhooks/ops/github"), "Allowed"],
      ["secretsmanager:GetSecretValue", arn.secret("webhooks/ops/github"), "ImplicitlyDenied"],
      ["secretsmanager:PutSecretValue", arn.secret("webhooks/prod/github"), "ImplicitlyDenied"],
      ["secretsmanager:DeleteSecret", arn.secret("webhooks/ops/github"), "ImplicitlyDenied"],
    ]);
  });
});
