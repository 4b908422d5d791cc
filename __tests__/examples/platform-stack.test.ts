import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { PlatformStack } from "../../examples/platform-stack";
import { resourcesOf } from "../support/synth";
import { describeTerraformChecks } from "../support/terraform";

const EXAMPLE = path.resolve(__dirname, "../../examples/platform-stack.ts");

describe("the docs' example: a platform team's own stack with a WebhookPipeline", () => {
  const stack = () => new PlatformStack(Testing.app(), "platform");
  // Validations run: the pipeline checks its own resources against the compliance rules.
  const synthesized = Testing.synth(stack(), true);

  it("is the code docs/configuration.md shows, verbatim", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../docs/configuration.md"), "utf8");
    expect(readme).toContain("```ts\n" + readFileSync(EXAMPLE, "utf8") + "```");
  });

  it("builds the whole pipeline into the team's stack", () => {
    expect(synthesized).toHaveResource(PipesPipe);
    expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, { name: "webhooks-prod-pipeline", type: "EXPRESS" });
    expect(Object.values(resourcesOf(synthesized, "aws_api_gateway_resource")).map((r) => r.path_part).sort()).toEqual(["github", "webhooks"]);
  });

  it("routes GitHub pushes from the pipeline's bus to the team's queue", () => {
    const bus = Object.keys(resourcesOf(synthesized, "aws_cloudwatch_event_bus"));
    expect(bus).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventRule, {
      event_bus_name: `\${aws_cloudwatch_event_bus.${bus[0]}.name}`,
      event_pattern: JSON.stringify({ source: ["webhooks.github"], "detail-type": ["push"] }),
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventTarget, { arn: "${aws_sqs_queue.deploys.arn}" });
  });

  it("grants the on-call role what the DLQ and quarantine tools need, and no more", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { role: "${aws_iam_role.on-call.name}" });
    const grant = Object.values(resourcesOf(synthesized, "aws_iam_role_policy")).find((p) => p.role === "${aws_iam_role.on-call.name}")!;
    expect(JSON.parse(grant.policy).Statement.flatMap((s: { Action: string[] }) => s.Action).sort()).toEqual(
      [
        // Peeks read a stored delivery's body; nothing writes or deletes one.
        "s3:GetObject",
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueAttributes",
        "sqs:ListMessageMoveTasks",
        "sqs:ReceiveMessage",
        "sqs:SendMessage",
        "sqs:StartMessageMoveTask",
      ].sort(),
    );
  });

  describeTerraformChecks("the example stack", stack);
});
