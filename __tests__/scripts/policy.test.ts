import { Testing } from "cdktf";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policy, policyResults } from "../../scripts/policy";
import { formatPolicyResult } from "../../scripts/lib/policy-report";
import { RULES } from "../../stacks/rules";
import { WebhookStack } from "../../stacks/webhook-stack";
import { buildApp } from "../../main";
import { resourcesOf } from "../support/synth";

const run = (argv: string[]) => {
  const lines: string[] = [];
  const code = policy(argv, (line) => lines.push(line), {});
  return { code, output: lines.join("\n") };
};

describe("npm run policy", () => {
  it("finds the default app clean: every rule passes or is suppressed with a reason", () => {
    const { code, output } = run(["--json"]);
    expect(code).toBe(0);
    const results = JSON.parse(output) as ReturnType<typeof policyResults>;
    expect(results.map((r) => r.stack)).toEqual(["webhooks-dev", "webhooks-prod"]);
    for (const result of results) {
      expect(result.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
      expect(result.rules.flatMap((r) => r.failed)).toEqual([]);
      expect(result.unusedSuppressions).toEqual([]);
      const suppressed = result.rules.flatMap((r) => r.suppressed);
      expect(suppressed.length).toBeGreaterThan(0);
      for (const { reason } of suppressed) expect(reason.length).toBeGreaterThanOrEqual(80);
    }
    // prod keeps its logs 90 days: still under a year, and its decision says so.
    const prodRetention = results[1].rules.find((r) => r.id === "CKV_AWS_338")!.suppressed;
    expect(prodRetention[0].reason).toMatch(/^Kept 90 days \(logRetentionDays\)/);
  });

  it("prints a table a reviewer reads, then each decision once with the resources it covers", () => {
    const { code, output } = run(["webhooks-dev"]);
    expect(code).toBe(0);
    expect(output).toMatch(/^webhooks-dev: \d+ rules, 0 unsuppressed findings, \d+ suppressed with a reason$/m);
    expect(output).toMatch(/^rule\s+resources\s+passed\s+failed\s+suppressed$/m);
    // Every webhook method is open by design (suppressed with its reason); every queue is encrypted.
    const synthesized = Testing.synth(buildApp(Testing.app(), {}).node.children[0] as WebhookStack);
    const methods = Object.keys(resourcesOf(synthesized, "aws_api_gateway_method")).length;
    const queues = Object.keys(resourcesOf(synthesized, "aws_sqs_queue")).length;
    expect(output).toMatch(new RegExp(`^CKV_AWS_59\\s+${methods}\\s+0\\s+0\\s+${methods}$`, "m"));
    expect(output).toMatch(new RegExp(`^CKV_AWS_27\\s+${queues}\\s+${queues}\\s+0\\s+0$`, "m"));
    expect(output.match(/CKV_AWS_59 Ensure there is no open access/g)).toHaveLength(1);
    expect(output).toContain("because: Senders are third parties that cannot present AWS credentials");
  });

  it("fails on a finding and names it, and names a config suppression that matches nothing", () => {
    const app = Testing.app();
    const stack = new WebhookStack(app, "team", {
      sources: { users: { schema: "users", verification: { scheme: "hmac" } } },
      policy: { suppressions: [{ rule: "CKV_AWS_117", reason: "Our platform team runs every function in its shared VPC", resources: ["aws_lambda_function.none*"] }] },
    });
    new IamRolePolicy(stack, "wide", { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] }) });
    const [result] = policyResults(app);
    const text = formatPolicyResult(result);
    expect(text).toMatch(/^team: \d+ rules, 2 unsuppressed findings/);
    expect(text).toContain('  WH_AWS_2  aws_iam_role_policy.wide allows the wildcard action "sqs:*"');
    expect(text).toContain('  CKV_AWS_355  aws_iam_role_policy.wide allows "sqs:*" on every resource ("*")');
    expect(text).toContain('  CKV_AWS_117 ["aws_lambda_function.none*"]: Our platform team runs every function in its shared VPC');
  });

  it("names the stacks there are when asked for one that is not", () => {
    expect(() => run(["webhooks-qa"])).toThrow('no stack named "webhooks-qa": the app has webhooks-dev, webhooks-prod');
  });
});
