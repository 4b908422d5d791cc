import { createHmac } from "node:crypto";
import type { Envelope } from "../../../handlers/lib/envelope";
import type { SourceSettings } from "../../../handlers/lib/source-settings";
import { validateBatch, type ValidateDependencies } from "../../../handlers/lib/validate-batch";
import { verificationSchema } from "../../../handlers/lib/verification";

const KEY = "signing-key-never-logged";
const sources: Record<string, SourceSettings> = {
  users: { schema: "users", secretArn: "arn:users", verification: verificationSchema.parse({ scheme: "hmac" }) },
  broken: { schema: "no-such-schema", secretArn: "arn:users", verification: verificationSchema.parse({ scheme: "hmac" }) },
  slack: { schema: "slack-command", secretArn: "arn:slack", verification: verificationSchema.parse({ scheme: "slack", toleranceSeconds: 60 }) },
};

function record(messageId: string, body: string, overrides: Partial<Envelope> = {}, signature?: string) {
  const envelope: Envelope = {
    v: 1,
    source: "users",
    deliveryId: `delivery-${messageId}`,
    receivedAt: 1,
    requestId: "r",
    sourceIp: "203.0.113.7",
    url: "https://example.com/v1/webhooks/users",
    contentType: "application/json",
    headers: { "x-signature": signature ?? createHmac("sha256", KEY).update(body).digest("hex") },
    body: Buffer.from(body).toString("base64"),
    ...overrides,
  };
  return { messageId, body: JSON.stringify(envelope) };
}

function deps(secretString: ValidateDependencies["secretString"] = async (arn) => (arn === "arn:slack" ? SLACK_KEY : KEY)) {
  const logs: string[] = [];
  return { logs, deps: { sources, secretString, log: (message: string, fields: object) => logs.push(JSON.stringify({ message, ...fields })) } };
}

const user = JSON.stringify({ name: "Ada", age: 36, email: "ada@example.com" });

const SLACK_KEY = "slack-signing-secret";
const RECEIVED_AT = 1_764_000_000_000;
const command = new URLSearchParams({
  team_id: "T1",
  channel_id: "C1",
  user_id: "U1",
  command: "/deploy",
  text: "api to prod",
  response_url: "https://hooks.slack.com/commands/T1/1/abc",
  trigger_id: "13.24.cafe",
}).toString();

/** A Slack slash command as the template envelopes it, signed `seconds` before API Gateway got it. */
function slackRecord(messageId: string, body: string, secondsBefore = 5) {
  const timestamp = String(RECEIVED_AT / 1000 - secondsBefore);
  const signature = `v0=${createHmac("sha256", SLACK_KEY).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return record(messageId, body, {
    source: "slack",
    receivedAt: RECEIVED_AT,
    contentType: "application/x-www-form-urlencoded; charset=utf-8",
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
  });
}

describe("validateBatch", () => {
  it("gives one verdict per record, in order", async () => {
    const { deps: d } = deps();
    const items = await validateBatch(
      [
        record("1", user),
        record("2", user, {}, "00".repeat(32)),
        record("3", "not json"),
        record("4", JSON.stringify({ name: "Kid", age: 9, email: "kid@example.com" })),
        { messageId: "5", body: "{}" },
        record("6", user, { source: "nobody" }),
        record("7", user, { source: "broken" }),
      ],
      d,
    );
    expect(items.map((i) => [i.messageId, i.outcome, "reason" in i ? i.reason : undefined])).toEqual([
      ["1", "verified", undefined],
      ["2", "rejected", "signature-mismatch"],
      ["3", "rejected", "invalid-payload"],
      ["4", "rejected", "invalid-payload"],
      ["5", "retry", "malformed-envelope"],
      ["6", "retry", "unknown-source"],
      ["7", "retry", "unknown-schema"],
    ]);
  });

  it("reads a form body as its fields for the schema check, and measures replay from the API's receipt time", async () => {
    const items = await validateBatch(
      [slackRecord("1", command), slackRecord("2", command, 61), slackRecord("3", command.replace("command=%2Fdeploy", "command=deploy"))],
      deps().deps,
    );
    expect(items).toEqual([
      expect.objectContaining({ outcome: "verified", event: expect.objectContaining({ payload: expect.objectContaining({ command: "/deploy", text: "api to prod" }) }) }),
      { messageId: "2", outcome: "rejected", source: "slack", reason: "stale-timestamp" },
      { messageId: "3", outcome: "rejected", source: "slack", reason: "invalid-payload" },
    ]);
  });

  it("hands processing the delivery metadata and the schema-parsed payload", async () => {
    const [item] = await validateBatch([record("1", user)], deps().deps);
    expect(item).toEqual({
      messageId: "1",
      outcome: "verified",
      event: { source: "users", deliveryId: "delivery-1", requestId: "r", receivedAt: 1, payload: JSON.parse(user) },
    });
  });

  it("retries every record of a source whose secret cannot be fetched, fetching it once", async () => {
    let fetches = 0;
    const { deps: d, logs } = deps(async () => {
      fetches++;
      throw Object.assign(new Error("throttled"), { name: "ThrottlingException" });
    });
    const items = await validateBatch([record("1", user), record("2", user)], d);
    expect(items.map((i) => i.outcome)).toEqual(["retry", "retry"]);
    expect(fetches).toBe(1);
    expect(logs.join()).toContain("ThrottlingException");
  });

  it("logs the reason of each rejection, never the secret or the signature", async () => {
    const signature = "ab".repeat(32);
    const { deps: d, logs } = deps();
    await validateBatch([record("1", user, {}, signature)], d);
    expect(JSON.parse(logs[0])).toMatchObject({ message: "delivery rejected", reason: "signature-mismatch", source: "users", deliveryId: "delivery-1" });
    expect(logs.join()).not.toContain(KEY);
    expect(logs.join()).not.toContain(signature);
  });
});
