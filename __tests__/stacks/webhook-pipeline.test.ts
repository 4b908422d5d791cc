import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { PipesPipe } from "@cdktf/provider-aws/lib/pipes-pipe";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { ConfigError } from "../../stacks/config";
import { WebhookPipeline, type WebhookPipelineProps } from "../../stacks/webhook-pipeline";
import { resourcesOf } from "../support/synth";
import { describeTerraformChecks } from "../support/terraform";

const props: WebhookPipelineProps = {
  environment: "test",
  sources: {
    github: { schema: "github", verification: { scheme: "github" } },
    slack: { schema: "slack-command", verification: { scheme: "slack" } },
  },
};

const assumedByAccount = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }] });

/** A user's stack: their provider, their role, and a pipeline. */
function userStack(build: (stack: TerraformStack, pipeline: WebhookPipeline) => void = () => undefined) {
  const stack = new TerraformStack(Testing.app(), "user");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const pipeline = new WebhookPipeline(stack, "hooks", props);
  build(stack, pipeline);
  return stack;
}

describe("WebhookPipeline", () => {
  const synthesized = Testing.synthScope((scope) => new WebhookPipeline(scope, "hooks", props));

  it("builds the queue, the pipe, the state machine and one route per source into any scope", () => {
    expect(synthesized).toHaveResourceWithProperties(SqsQueue, { name: "webhooks-test-deliveries", sqs_managed_sse_enabled: true });
    expect(synthesized).toHaveResourceWithProperties(SqsQueue, { name: "webhooks-test-deliveries-dlq" });
    expect(synthesized).toHaveResourceWithProperties(SqsQueue, { name: "webhooks-test-quarantine" });
    expect(synthesized).toHaveResourceWithProperties(PipesPipe, { name: "webhooks-test-pipe" });
    expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, { name: "webhooks-test-pipeline", type: "EXPRESS" });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayResource, { path_part: "github" });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayResource, { path_part: "slack" });
  });

  it("exposes each source's URL, route and secret", () => {
    let pipeline!: WebhookPipeline;
    Testing.synthScope((scope) => (pipeline = new WebhookPipeline(scope, "hooks", props)));
    expect(Object.keys(pipeline.endpoints)).toEqual(["github", "slack"]);
    expect(Object.keys(pipeline.secrets)).toEqual(["github", "slack"]);
    // Their attributes are Terraform references at synth; which construct each is, is known.
    expect(Object.entries(pipeline.routes).map(([source, route]) => [source, route.resource.node.id, route.method.node.id])).toEqual([
      ["github", "github-resource", "github-post"],
      ["slack", "slack-resource", "slack-post"],
    ]);
    expect(pipeline.metricsNamespace).toBe("Webhooks/webhooks-test");
  });

  it("refuses bad props with every problem at once", () => {
    const build = () => Testing.synthScope((scope) => new WebhookPipeline(scope, "hooks", { ...props, pipe: { batchsize: 4 }, alarms: { email: "nope" } } as WebhookPipelineProps));
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/pipe\.batchsize: unknown key; did you mean "batchSize"\?\n {2}- alarms\.email: Invalid email \(got "nope"\)/);
  });

  it("grants a user's role putting events on the bus and storing the sources' secrets, each on exactly its resources", () => {
    const stack = userStack((s, pipeline) => {
      const role = new IamRole(s, "ci", { name: "ci", assumeRolePolicy: assumedByAccount });
      pipeline.grantPutEvents(role);
      pipeline.grantPutSecretValues(role);
    });
    const policies = Object.values(resourcesOf(Testing.synth(stack, true), "aws_iam_role_policy")).filter((p) => p.role === "${aws_iam_role.ci.name}");
    expect(policies.map((p) => [p.name, JSON.parse(p.policy).Statement])).toEqual([
      ["webhooks-test-put-events-1", [{ Effect: "Allow", Action: ["events:PutEvents"], Resource: expect.stringMatching(/^\$\{aws_cloudwatch_event_bus\.hooks_events_bus_\w+\.arn\}$/) }]],
      [
        "webhooks-test-put-secret-values-2",
        [{ Effect: "Allow", Action: ["secretsmanager:PutSecretValue"], Resource: [expect.stringContaining("secret-github"), expect.stringContaining("secret-slack")] }],
      ],
    ]);
    expect(Testing.synth(stack)).toHaveResource(IamRolePolicy);
  });

  it("checks its own resources against the rules at synth, and leaves the user's to the user", () => {
    const userWildcard = userStack((s) => {
      const role = new IamRole(s, "admin", { name: "admin", assumeRolePolicy: assumedByAccount });
      new IamRolePolicy(s, "everything", { role: role.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });
    });
    expect(() => Testing.synth(userWildcard, true)).not.toThrow();

    const weakened = userStack((_s, pipeline) => pipeline.queue.deadLetterQueue.addOverride("sqs_managed_sse_enabled", false));
    expect(() => Testing.synth(weakened, true)).toThrow(/\[CKV_AWS_27\] aws_sqs_queue\.hooks_queue_dlq_\w+ is not encrypted at rest/);
  });
});

describe("WebhookPipeline with senders that make handshakes", () => {
  const handshaking: WebhookPipelineProps = {
    environment: "test",
    sources: {
      github: { schema: "github", verification: { scheme: "github" } },
      meta: { schema: "github", verification: { scheme: "meta" } },
      events: { schema: "github", verification: { scheme: "slack" }, contentTypes: ["application/json"], handshake: true },
      commands: { schema: "slack-command", verification: { scheme: "slack" } },
    },
  };
  const stackWith = () => {
    const stack = new TerraformStack(Testing.app(), "hooks");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new WebhookPipeline(stack, "hooks", handshaking);
    return stack;
  };
  const synthesized = Testing.synth(stackWith(), true);
  const methods = Object.values(resourcesOf(synthesized, "aws_api_gateway_method"));
  const integrations = Object.values(resourcesOf(synthesized, "aws_api_gateway_integration"));
  const sourceOf = (resourceId: string) => Object.entries(resourcesOf(synthesized, "aws_api_gateway_resource")).find(([id]) => resourceId.includes(`.${id}.`))?.[1].path_part;

  it("gives Meta's GET handshake a method of its own, and sends Slack's Events API route whole through the handshake function", () => {
    const routes = methods.map((m) => `${m.http_method} ${sourceOf(m.resource_id)}`).sort();
    expect(routes).toEqual(["GET meta", "POST commands", "POST events", "POST github", "POST meta"]);
    const proxied = integrations.filter((i) => i.type === "AWS_PROXY").map((i) => sourceOf(i.resource_id)).sort();
    expect(proxied).toEqual(["events", "meta"]);
    const queued = integrations.filter((i) => i.type === "AWS").map((i) => sourceOf(i.resource_id)).sort();
    expect(queued).toEqual(["commands", "github", "meta"]);
  });

  it("lets API Gateway invoke the function for those methods and paths only", () => {
    const permissions = Object.values(resourcesOf(synthesized, "aws_lambda_permission"));
    expect(permissions.map((p) => p.source_arn.replace(/^\$\{[^}]+\}/, "<api>")).sort()).toEqual(["<api>/*/GET/webhooks/meta", "<api>/*/POST/webhooks/events"]);
    expect(permissions.every((p) => p.principal === "apigateway.amazonaws.com" && p.action === "lambda:InvokeFunction")).toBe(true);
  });

  it("tells the handshake function only its sources, and lets it read only their secrets and send only to the queue", () => {
    const fn = Object.values(resourcesOf(synthesized, "aws_lambda_function")).find((f) => f.function_name === "webhooks-test-handshake")!;
    expect(Object.keys(JSON.parse(fn.environment.variables.WEBHOOK_SOURCES))).toEqual(["meta", "events"]);
    const policy = Object.values(resourcesOf(synthesized, "aws_iam_role_policy")).find((p) => p.name?.includes("handshake") || p.role?.includes("handshake"))!;
    expect(JSON.parse(policy.policy).Statement.map((s: { Action: string[] }) => s.Action)).toEqual(
      expect.arrayContaining([["secretsmanager:GetSecretValue"], ["sqs:SendMessage"]]),
    );
  });

  describeTerraformChecks("the pipeline with handshakes", stackWith);
});
