import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { formatPlanSummary, summarizePlan, summarizePlanText, type PlanJson } from "../../scripts/lib/plan-summary";
import { planAgainstState, terraformReady } from "../support/terraform";

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
const queueInState = (name: string, queueName: string) => ({
  mode: "managed",
  type: "aws_sqs_queue",
  name,
  provider: PROVIDER,
  instances: [
    {
      schema_version: 0,
      attributes: {
        id: `https://sqs.us-east-1.amazonaws.com/123456789012/${queueName}`,
        arn: `arn:aws:sqs:us-east-1:123456789012:${queueName}`,
        url: `https://sqs.us-east-1.amazonaws.com/123456789012/${queueName}`,
        name: queueName,
        message_retention_seconds: 345_600,
        sqs_managed_sse_enabled: true,
        // What AWS reports of a standard queue's defaults: absent, Terraform would plan them as changes.
        fifo_queue: false,
        content_based_deduplication: false,
        delay_seconds: 0,
        max_message_size: 262_144,
        receive_wait_time_seconds: 0,
        visibility_timeout_seconds: 30,
        kms_data_key_reuse_period_seconds: 300,
        tags: {},
        tags_all: {},
      },
    },
  ],
});

/** Deployed: three queues. Configured: one changed in place, one renamed (a replacement), one gone, one new. */
const STATE = {
  version: 4,
  terraform_version: "1.11.0",
  serial: 1,
  lineage: "7c5d5a0e-5b1e-4b8e-9d55-1f0c2b0b9e01",
  outputs: {},
  resources: [queueInState("kept", "kept"), queueInState("renamed", "old-name"), queueInState("gone", "gone")],
};

function configured(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "plan-fixture");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new SqsQueue(stack, "kept", { name: "kept", messageRetentionSeconds: 600, sqsManagedSseEnabled: true });
  new SqsQueue(stack, "renamed", { name: "new-name", sqsManagedSseEnabled: true });
  new SqsQueue(stack, "added", { name: "added", sqsManagedSseEnabled: true });
  return stack;
}

const onRealPlan = () => {
  const { json, text } = planAgainstState(configured(), STATE);
  const plan = json as PlanJson;

  it("reads a create, an update in place, a replacement with its cause, and a destroy with its reason", () => {
    expect(summarizePlan(plan)).toEqual({
      creates: ["aws_sqs_queue.added"],
      updates: ["aws_sqs_queue.kept"],
      replaces: [{ address: "aws_sqs_queue.renamed", because: ["name"] }],
      destroys: [{ address: "aws_sqs_queue.gone", reason: "delete_because_no_resource_config" }],
    });
  });

  it("reads the same from the human plan, which is all a speculative HCP Terraform plan gives", () => {
    expect(summarizePlanText(text)).toEqual(summarizePlan(plan));
  });

  it("prints the counts, then the replacement and the destroy flagged loudly, then the rest", () => {
    expect(formatPlanSummary("webhooks-dev", summarizePlan(plan))).toBe(
      [
        "### `webhooks-dev`: 1 to create, 1 to update in place, 1 to replace, 1 to destroy",
        "",
        "> [!CAUTION]",
        "> **1 resource will be destroyed and created again.** Whatever it holds (queued messages, table items, logs) is lost and its ARN changes:",
        "> - `aws_sqs_queue.renamed`, because `name` cannot change in place",
        "",
        "> [!WARNING]",
        "> **1 resource will be destroyed:**",
        "> - `aws_sqs_queue.gone` (no longer in the configuration)",
        "",
        "| change | resource |",
        "| --- | --- |",
        "| + create | `aws_sqs_queue.added` |",
        "| ~ update in place | `aws_sqs_queue.kept` |",
      ].join("\n"),
    );
  });
};

describe("the plan summary", () => {
  it("says so when nothing changes, and ignores data sources read and resources left alone", () => {
    const plan: PlanJson = { resource_changes: [{ address: "data.aws_region.current", change: { actions: ["read"] } }, { address: "aws_sqs_queue.q", change: { actions: ["no-op"] } }] };
    expect(formatPlanSummary("webhooks-prod", summarizePlan(plan))).toBe(
      "### `webhooks-prod`: 0 to create, 0 to update in place, 0 to replace, 0 to destroy\n\nNo changes: the infrastructure matches the configuration.",
    );
  });

  it("counts a create-before-destroy replacement as a replacement", () => {
    expect(summarizePlan({ resource_changes: [{ address: "aws_sqs_queue.q", change: { actions: ["create", "delete"] } }] }).replaces).toEqual([{ address: "aws_sqs_queue.q", because: [] }]);
  });

  if (terraformReady()) describe("on a real plan, made offline against a prior state", onRealPlan);
  else describe.skip("on a real plan (Terraform unavailable, see the warning above)", onRealPlan);
});
