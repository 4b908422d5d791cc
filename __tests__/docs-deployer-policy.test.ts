import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../main";
import { WebhookStack } from "../stacks/webhook-stack";
import type { TerraformArguments } from "../stacks/terraform-json";

/**
 * docs/deployer-policy.json, the permissions a deployer needs: every resource the default app
 * creates falls under a statement that allows its service's actions on that resource's ARN.
 */
const policy = JSON.parse(readFileSync(path.resolve(__dirname, "../docs/deployer-policy.json"), "utf8"));
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** Each resource type the stack creates, as its ARN from its name, and the IAM service that acts on it. */
const ARNS: Record<string, (r: TerraformArguments) => [service: string, arn: string] | undefined> = {
  aws_sqs_queue: (r) => ["sqs", `arn:aws:sqs:${REGION}:${ACCOUNT}:${r.name}`],
  aws_lambda_function: (r) => ["lambda", `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${r.function_name}`],
  aws_iam_role: (r) => ["iam", `arn:aws:iam::${ACCOUNT}:role/${r.name}`],
  aws_cloudwatch_log_group: (r) => ["logs", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${String(r.name).replace(/\$\{[^}]+\}/g, "a1b2c3d4e5")}`],
  aws_sfn_state_machine: (r) => ["states", `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${r.name}`],
  aws_pipes_pipe: (r) => ["pipes", `arn:aws:pipes:${REGION}:${ACCOUNT}:pipe/${r.name}`],
  aws_dynamodb_table: (r) => ["dynamodb", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${r.name}`],
  aws_cloudwatch_event_bus: (r) => ["events", `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${r.name}`],
  aws_cloudwatch_event_archive: (r) => ["events", `arn:aws:events:${REGION}:${ACCOUNT}:archive/${r.name}`],
  aws_secretsmanager_secret: (r) => ["secretsmanager", `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${r.name}-AbCdEf`],
  aws_sns_topic: (r) => ["sns", `arn:aws:sns:${REGION}:${ACCOUNT}:${r.name}`],
  aws_cloudwatch_metric_alarm: (r) => ["cloudwatch", `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${r.alarm_name}`],
  aws_cloudwatch_dashboard: (r) => ["cloudwatch", `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${r.dashboard_name}`],
  aws_kms_alias: (r) => ["kms", `arn:aws:kms:${REGION}:${ACCOUNT}:${r.name}`],
  aws_api_gateway_rest_api: () => ["apigateway", `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5`],
  aws_wafv2_web_acl: (r) => ["wafv2", `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/${r.name}/0a1b2c3d-4e5f`],
  aws_wafv2_web_acl_association: () => ["apigateway", `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/v1`],
  aws_signer_signing_profile: (r) => ["signer", `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-profiles/${r.name_prefix}20261129`],
  aws_signer_signing_job: () => ["signer", `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-jobs/0a1b2c3d-4e5f`],
  aws_lambda_code_signing_config: () => ["lambda", `arn:aws:lambda:${REGION}:${ACCOUNT}:code-signing-config:csc-0a1b2c3d4e5f`],
  aws_s3_bucket: (r) => ["s3", `arn:aws:s3:::${r.bucket_prefix}0a1b2c3d4e5f`],
  aws_s3_object: (r) => ["s3", `arn:aws:s3:::webhooks-sec-code-0a1b2c3d4e5f/${r.key}`],
};

const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/** Whether some statement allows an action of `service` on `arn`. */
function allowed(service: string, arn: string): boolean {
  return policy.Statement.some(
    (s: { Effect: string; Action: string | string[]; Resource: string | string[] }) =>
      s.Effect === "Allow" && list(s.Action).some((a) => a.startsWith(`${service}:`)) && list(s.Resource).some((r) => glob(r).test(arn)),
  );
}

/** The default app's stacks, and one with every shield on: the policy covers both. */
const SHIELDED = new WebhookStack(Testing.app(), "shielded", {
  environment: "sec",
  sources: { github: { schema: "github", verification: { scheme: "github" }, allowedSourceIps: "published" } },
  waf: { enabled: true },
  encryption: { customerManagedKey: true },
  codeSigning: { enabled: true },
});

describe("the deployer policy", () => {
  const stacks = [...buildApp(Testing.app(), {}).node.children, SHIELDED];
  const resources = stacks.flatMap((stack) =>
    Object.entries(JSON.parse(Testing.synth(stack as never)).resource as Record<string, Record<string, TerraformArguments>>).flatMap(([type, byName]) =>
      Object.values(byName).map((config) => ({ type, config })),
    ),
  );

  it("covers every resource of the default app's stacks, and of a stack with every shield on, by name", () => {
    const named = resources.filter(({ type }) => ARNS[type]).map(({ type, config }) => [type, ...ARNS[type](config)!]);
    expect(named.length).toBeGreaterThan(60);
    expect(named.filter(([, service, arn]) => !allowed(service, arn))).toEqual([]);
  });

  it("leaves no resource type of the stacks out of this test", () => {
    const ruledBy = (type: string) => ARNS[type] !== undefined || type.startsWith("aws_api_gateway_") || /_policy(_attachment)?$|_redrive_allow_policy$|^aws_kms_key$|^aws_s3_bucket_|^aws_wafv2_web_acl_logging/.test(type);
    expect([...new Set(resources.map(({ type }) => type))].filter((type) => !ruledBy(type))).toEqual([]);
  });

  it("never allows every action of a service, nor PassRole to anything but the stack's own service roles", () => {
    const actions = policy.Statement.flatMap((s: { Action: string | string[] }) => list(s.Action));
    expect(actions.filter((a: string) => a.endsWith(":*") || a === "*")).toEqual([]);
    const passRole = policy.Statement.filter((s: { Action: string | string[] }) => list(s.Action).includes("iam:PassRole"));
    expect(passRole).toEqual([expect.objectContaining({ Resource: "arn:aws:iam::*:role/webhooks-*", Condition: expect.anything() })]);
  });
});
