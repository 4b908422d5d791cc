import { schemeOf } from "../../handlers/lib/schemes";
import { twilioJsonUrl } from "../../handlers/lib/schemes/twilio";
import { SOURCES_ENV, type SourceSettings } from "../../handlers/lib/source-settings";
import { forwardedHeaders, sourceConfigSchema } from "../../stacks/config";
import { bundleHandler } from "../../stacks/lambda-bundle";
import { sendMessageTemplate } from "../../stacks/sqs-mapping-template";
import { readSendMessageForm, renderRequestTemplate } from "../support/api-gateway-vtl";
import { fakeSecretsManager, invokeZip } from "../support/bundles";
import { flipOneByte } from "../support/schemes";

const DOMAIN = "abc123.execute-api.us-east-1.amazonaws.com";
const SIGNED_AT = 1_764_000_000;
const arn = (source: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/dev/${source}-AbCdEf`;

/** The sources under test, each with its sender's scheme, and each sender's secret. */
const SOURCES: Record<string, { schema: string; verification: object; contentType: string; secret: string }> = {
  users: { schema: "users", verification: { scheme: "hmac" }, contentType: "application/json", secret: "users-signing-key" },
  github: { schema: "github", verification: { scheme: "github" }, contentType: "application/json", secret: "It's a Secret to Everybody" },
  stripe: { schema: "stripe", verification: { scheme: "stripe" }, contentType: "application/json", secret: "whsec_stripe_test_secret" },
  slack: { schema: "slack-command", verification: { scheme: "slack" }, contentType: "application/x-www-form-urlencoded", secret: "8f742231b10e8888abcd99yyyzzz85a5" },
  twilio: { schema: "users", verification: { scheme: "twilio" }, contentType: "application/json; charset=utf-8", secret: "twilio-auth-token" },
};
/** Each source as the stack's config resolves it, with its scheme's defaults filled in. */
const configOf = (source: string) => sourceConfigSchema.parse({ schema: SOURCES[source].schema, verification: SOURCES[source].verification });
const settings: Record<string, SourceSettings> = Object.fromEntries(
  Object.keys(SOURCES).map((source) => {
    const { schema, verification, eventType } = configOf(source);
    return [source, { schema, secretArn: arn(source), verification, eventType }];
  }),
);

const BODIES: Record<string, string> = {
  users: JSON.stringify({ name: "Zoë \"Z\" O'Neil", age: 30, email: "zoe@example.com" }),
  github: JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } }, null, 2),
  stripe: '{\n  "id": "evt_1Q",\n  "object": "event",\n  "type": "invoice.paid",\n  "created": 1764000000,\n  "livemode": false,\n  "data": {"object": {}}\n}',
  slack: "team_id=T1&channel_id=C1&user_id=U1&command=%2Fdeploy&text=api+to+prod&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3",
  twilio: JSON.stringify({ name: "Texter", age: 44, email: "t@example.com" }),
};

/**
 * A request as the source's sender makes it, signed with its scheme, turned by the source's real
 * mapping template into the SQS record the pipe delivers. `tamper` changes the body after signing.
 */
function pipeRecord(source: string, options: { tamper?: boolean; receivedAfterSeconds?: number } = {}) {
  const config = configOf(source);
  const { verification } = config;
  const scheme = schemeOf(verification);
  const body = Buffer.from(BODIES[source]);
  const path = `/v1/webhooks/${source}`;
  const base = `https://${DOMAIN}${path}`;
  // Twilio posts JSON to the webhook URL with the body's hash added to its query string.
  const url = source === "twilio" ? twilioJsonUrl(base, body) : base;
  const query = Object.fromEntries(new URL(url).searchParams);
  const signed = scheme.sign({ body, url, timestamp: SIGNED_AT, id: `delivery-${source}` }, verification, SOURCES[source].secret);
  const template = sendMessageTemplate({ source, headers: forwardedHeaders(config), deliveryIdHeader: config.deliveryIdHeader });
  const sent = options.tamper ? flipOneByte(body, 20) : body;
  const rendered = renderRequestTemplate(template, {
    body: sent.toString("utf8"),
    headers: {
      "Content-Type": SOURCES[source].contentType,
      "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      "X-GitHub-Event": "pull_request",
      ...signed,
    },
    domainName: DOMAIN,
    path,
    query,
    requestTimeEpoch: (SIGNED_AT + (options.receivedAfterSeconds ?? 2)) * 1000,
  });
  const messageId = `${source}${options.tamper ? "-tampered" : ""}`;
  return { messageId, receiptHandle: `rh-${messageId}`, body: readSendMessageForm(rendered).MessageBody, attributes: {}, eventSource: "aws:sqs" };
}

describe("the bundled validate handler, fed by the real mapping templates", () => {
  let secrets: Awaited<ReturnType<typeof fakeSecretsManager>>;
  beforeAll(async () => {
    const stored = Object.fromEntries(Object.entries(SOURCES).map(([source, { secret }]) => [arn(source), JSON.stringify(["a-retired-secret", secret])]));
    secrets = await fakeSecretsManager(stored);
  });
  afterAll(() => secrets.close());

  const run = async (records: unknown[], sources = settings) => {
    const { result, stdout } = await invokeZip(bundleHandler("handlers/validate.ts").zipPath, records, {
      [SOURCES_ENV]: JSON.stringify(sources),
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      POWERTOOLS_LOG_LEVEL: "WARN",
      POWERTOOLS_METRICS_NAMESPACE: "Webhooks/test",
    });
    return { items: (result as { items: any[] }).items, stdout };
  };

  it("verifies a genuine delivery of every sender, forms and signed URLs included, fetching each secret once", async () => {
    const calls = secrets.calls.length;
    const { items } = await run(Object.keys(SOURCES).map((source) => pipeRecord(source)));
    expect(items.map((item) => [item.messageId, item.outcome, item.reason])).toEqual(Object.keys(SOURCES).map((source) => [source, "verified", undefined]));
    const bySource = Object.fromEntries(items.map((item) => [item.messageId, item.event]));
    expect(bySource.github).toMatchObject({ deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958", eventType: "pull_request" });
    expect(bySource.stripe.eventType).toBe("invoice.paid");
    expect(bySource.users.eventType).toBeUndefined();
    expect(bySource.slack.payload).toMatchObject({ command: "/deploy", text: "api to prod" });
    expect(bySource.users.payload).toEqual(JSON.parse(BODIES.users));
    expect(secrets.calls.slice(calls).sort()).toEqual(Object.keys(SOURCES).map((s) => `secretsmanager.GetSecretValue ${arn(s)}`).sort());
  });

  it("rejects a tampered delivery of every sender and a replayed one, counting each per source and reason", async () => {
    const records = [...Object.keys(SOURCES).map((source) => pipeRecord(source, { tamper: true })), pipeRecord("stripe", { receivedAfterSeconds: 301 })];
    const { items, stdout } = await run(records);
    expect(items.map((item) => [item.messageId, item.outcome, item.reason])).toEqual([
      ...Object.keys(SOURCES).map((source) => [`${source}-tampered`, "rejected", "signature-mismatch"]),
      ["stripe", "rejected", "stale-timestamp"],
    ]);
    const metrics = stdout
      .split("\n")
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line));
    expect(metrics).toContainEqual(
      expect.objectContaining({
        source: "stripe",
        reason: "stale-timestamp",
        RejectedDeliveries: 1,
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: "Webhooks/test", Dimensions: [["service", "source", "reason"]] })],
        }),
      }),
    );
    expect(metrics.filter((m) => m.RejectedDeliveries !== undefined).map((m) => `${m.source}/${m.reason}`).sort()).toEqual(
      ["github", "slack", "stripe", "twilio", "users"].map((s) => `${s}/signature-mismatch`).concat("stripe/stale-timestamp").sort(),
    );
    for (const { secret } of Object.values(SOURCES)) expect(stdout).not.toContain(secret);
  });

  it("rejects a genuine delivery whose body breaks the schema, and retries what it cannot judge", async () => {
    const unknownSecret = { ...settings, users: { ...settings.users, secretArn: `${arn("users")}-gone` } };
    const schemaBroken = { ...settings, github: { ...settings.github, schema: "users" } };
    expect((await run([pipeRecord("github")], schemaBroken)).items).toEqual([{ messageId: "github", outcome: "rejected", source: "github", reason: "invalid-payload" }]);
    expect((await run([pipeRecord("users")], unknownSecret)).items).toEqual([{ messageId: "users", outcome: "retry", source: "users", reason: "secret-unavailable" }]);
  });
});

describe("the bundled process handler, from its zip", () => {
  it("acknowledges a verified event by its message and delivery ids", async () => {
    const event = { messageId: "m-1", event: { source: "users", deliveryId: "d-1", requestId: "r-1", receivedAt: 1, payload: {} } };
    const { result } = await invokeZip(bundleHandler("handlers/process.ts").zipPath, event, { POWERTOOLS_LOG_LEVEL: "ERROR" });
    expect(result).toEqual({ messageId: "m-1", deliveryId: "d-1" });
  });
});
