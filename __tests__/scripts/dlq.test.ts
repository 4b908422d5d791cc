import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { dlq } from "../../scripts/dlq";
import { readStackOutputs, stackDirectory, ToolError } from "../../scripts/lib/stack-outputs";
import { deliveryRecord } from "../support/deliveries";

const OUTPUTS = {
  "dead-letter-queue-url": "https://sqs.us-east-1.amazonaws.com/123456789012/webhooks-dev-deliveries-dlq",
  "dead-letter-queue-arn": "arn:aws:sqs:us-east-1:123456789012:webhooks-dev-deliveries-dlq",
  "queue-arn": "arn:aws:sqs:us-east-1:123456789012:webhooks-dev-deliveries",
};

const sqsMock = mockClient(SQSClient);
beforeEach(() => sqsMock.reset());

async function run(argv: string[], outputs: () => Promise<Record<string, string>> = async () => OUTPUTS) {
  const lines: string[] = [];
  const code = await dlq(argv, { sqs: new SQSClient({ region: "us-east-1" }), outputs, print: (line) => lines.push(line) });
  return { code, output: lines.join("\n") };
}

describe("npm run dlq -- peek", () => {
  it("shows each message's delivery without taking it or showing its signatures", async () => {
    const envelope = deliveryRecord("github", { headers: { "X-GitHub-Delivery": "gh-1" } }).body;
    sqsMock.on(ReceiveMessageCommand).resolves({
      Messages: [
        { MessageId: "m-1", Body: envelope, Attributes: { SentTimestamp: "1764000002000", ApproximateReceiveCount: "4" } },
        { MessageId: "m-2", Body: "not an envelope", Attributes: { SentTimestamp: "1764000003000", ApproximateReceiveCount: "1" } },
      ],
    });
    const { code, output } = await run(["peek"]);
    expect(code).toBe(0);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0].args[0].input).toMatchObject({ QueueUrl: OUTPUTS["dead-letter-queue-url"], VisibilityTimeout: 0 });
    const [first, second] = output.split("\n").map((line) => JSON.parse(line));
    expect(first).toMatchObject({ messageId: "m-1", receiveCount: 4, source: "github", deliveryId: "gh-1", headers: expect.arrayContaining(["x-hub-signature-256"]) });
    expect(first.body).toBeUndefined();
    expect(output).not.toContain("sha256=");
    expect(second).toMatchObject({ messageId: "m-2", problem: expect.stringMatching(/^not a valid envelope/) });
  });

  it("shows the raw body when asked, and says when the queue is empty", async () => {
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [{ MessageId: "m-1", Body: deliveryRecord("users").body, Attributes: {} }] }).resolves({});
    expect(JSON.parse((await run(["peek", "--body"])).output).body).toContain('"email":"zoe@example.com"');
    expect((await run(["peek"])).output).toBe("The dead-letter queue is empty.");
  });
});

describe("npm run dlq -- redrive", () => {
  it("moves the DLQ's messages back to the queue they came from", async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: "3" } });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: "task-1" });
    const { code, output } = await run(["redrive", "--rate", "5"]);
    expect(code).toBe(0);
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)[0].args[0].input).toEqual({
      SourceArn: OUTPUTS["dead-letter-queue-arn"],
      DestinationArn: OUTPUTS["queue-arn"],
      MaxNumberOfMessagesPerSecond: 5,
    });
    expect(output).toMatch(/Moving about 3 message\(s\) back to the queue \(task task-1\)/);
  });

  it("starts nothing when the DLQ is empty", async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: "0" } });
    expect((await run(["redrive"])).output).toBe("The dead-letter queue is empty: nothing to redrive.");
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it("reports the progress of redrives", async () => {
    sqsMock.on(ListMessageMoveTasksCommand).resolves({ Results: [{ Status: "RUNNING", ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 3 }] });
    expect(JSON.parse((await run(["status"])).output)).toMatchObject({ status: "RUNNING", moved: 1, toMove: 3 });
  });
});

describe("npm run dlq, when something is missing", () => {
  it("says how to supply credentials", async () => {
    sqsMock.on(ReceiveMessageCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    const { code, output } = await run(["peek"]);
    expect(code).toBe(1);
    expect(output).toMatch(/^No AWS credentials found: set AWS_PROFILE/);
  });

  it("says to deploy when the stack has no outputs, and to redeploy when they predate the DLQ outputs", async () => {
    const notDeployed = await run(["peek"], () => Promise.reject(new ToolError("webhooks-dev has no outputs: it is not deployed yet")));
    expect(notDeployed).toEqual({ code: 1, output: "webhooks-dev has no outputs: it is not deployed yet" });
    expect((await run(["peek"], async () => ({ "queue-url": "x" }))).output).toMatch(/lack dead-letter-queue-url, dead-letter-queue-arn, queue-arn/);
  });

  it("answers --help with what it does and its usage", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, output: expect.stringMatching(/^Looks into the dead-letter queue.*\n\nusage: npm run dlq -- /) });
  });

  it("names every mistake on its command line at once, with what was probably meant, then its usage", async () => {
    expect(await run(["purge"])).toEqual({ code: 2, output: expect.stringMatching(/^purge: unknown command\nusage: npm run dlq -- <peek\|redrive\|status>/) });
    expect(await run(["peak", "--mx", "5", "--body=yes", "--rate", "0", "--stack"])).toEqual({
      code: 2,
      output: [
        "--mx: unknown option; did you mean --max?",
        '--body: takes no value (got "yes")',
        '--rate: must be a whole number, at least 1 (got "0")',
        "--stack: needs a value",
        "peak: unknown command; did you mean peek?",
        "5: unexpected argument",
        "usage: npm run dlq -- <peek|redrive|status> [--stack <name>] [--max <n>] [--body] [--rate <n>] [--id <message id>] [--local]",
      ].join("\n"),
    });
  });
});

describe("finding the stack's outputs", () => {
  const outDir = mkdtempSync(path.join(tmpdir(), "cdktf-out-"));

  it("names the missing synth, an unknown stack, or the need to choose among several", () => {
    expect(() => stackDirectory(outDir, undefined)).toThrow(/No synthesized stack .* run `npm run synth`/);
    mkdirSync(path.join(outDir, "stacks", "webhooks-dev"), { recursive: true });
    expect(stackDirectory(outDir, undefined)).toBe(path.join(outDir, "stacks", "webhooks-dev"));
    expect(() => stackDirectory(outDir, "webhooks-prod")).toThrow(/No stack "webhooks-prod" .* there are: webhooks-dev/);
    mkdirSync(path.join(outDir, "stacks", "webhooks-prod"));
    expect(() => stackDirectory(outDir, undefined)).toThrow(/Several stacks .*name one with --stack/);
  });

  it("reads terraform's JSON outputs, and explains a stack that is not deployed or whose state is out of reach", async () => {
    const json = JSON.stringify({ "queue-arn": { value: "arn:q", type: "string", sensitive: false } });
    expect(await readStackOutputs("/x/webhooks-dev", async () => json)).toEqual({ "queue-arn": "arn:q" });
    await expect(readStackOutputs("/x/webhooks-dev", async () => "{}")).rejects.toThrow(/webhooks-dev has no outputs: it is not deployed yet/);
    const failing = async () => Promise.reject(Object.assign(new Error("exit 1"), { stderr: "Error: Backend initialization required" }));
    await expect(readStackOutputs("/x/webhooks-dev", failing)).rejects.toThrow(/Could not read the outputs of webhooks-dev \(Error: Backend initialization required\)/);
  });
});
