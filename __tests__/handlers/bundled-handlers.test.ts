import { createHmac } from "node:crypto";
import { SOURCES_ENV, type SourceSettings } from "../../handlers/lib/source-settings";
import { bundleHandler } from "../../stacks/lambda-bundle";
import { sendMessageTemplate } from "../../stacks/sqs-mapping-template";
import { readSendMessageForm, renderRequestTemplate } from "../support/api-gateway-vtl";
import { fakeSecretsManager, invokeZip } from "../support/bundles";

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/dev/users-AbCdEf";
const SIGNING_KEY = "whsec-users-test-key";
const settings: Record<string, SourceSettings> = {
  users: { schema: "users", secretArn: SECRET_ARN, verification: { scheme: "hmac-sha256", header: "x-signature", encoding: "hex", prefix: "", basicAuth: false } },
};
const template = sendMessageTemplate({ source: "users", headers: ["x-signature"] });

/** A request as a sender makes it, turned by the real template into the SQS record the pipe delivers. */
function pipeRecord(messageId: string, body: string, signature: string) {
  const form = readSendMessageForm(
    renderRequestTemplate(template, { body, headers: { "Content-Type": "application/json", "X-Signature": signature } }),
  );
  return { messageId, receiptHandle: `rh-${messageId}`, body: form.MessageBody, attributes: {}, eventSource: "aws:sqs" };
}

const sign = (body: string, key = SIGNING_KEY) => createHmac("sha256", key).update(body, "utf8").digest("hex");

describe("the bundled validate handler, from its zip", () => {
  let secrets: Awaited<ReturnType<typeof fakeSecretsManager>>;
  beforeAll(async () => {
    secrets = await fakeSecretsManager({ [SECRET_ARN]: JSON.stringify([SIGNING_KEY, "the-previous-key"]) });
  });
  afterAll(() => secrets.close());

  const run = (records: unknown[], sources = settings) =>
    invokeZip(bundleHandler("handlers/validate.ts").zipPath, records, {
      [SOURCES_ENV]: JSON.stringify(sources),
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      POWERTOOLS_LOG_LEVEL: "ERROR",
    }) as Promise<{ items: any[] }>;

  it("verifies a signed delivery, rejects a tampered one and fetches the secret once per batch", async () => {
    const body = JSON.stringify({ name: "Zoë \"Z\" O'Neil", age: 30, email: "zoe@example.com" });
    const tampered = body.replace("30", "31");
    const calls = secrets.calls.length;
    const { items } = await run([pipeRecord("m-1", body, sign(body)), pipeRecord("m-2", tampered, sign(body))]);
    expect(items).toEqual([
      {
        messageId: "m-1",
        outcome: "verified",
        event: expect.objectContaining({ source: "users", payload: { name: "Zoë \"Z\" O'Neil", age: 30, email: "zoe@example.com" } }),
      },
      { messageId: "m-2", outcome: "rejected", reason: "signature-mismatch" },
    ]);
    expect(secrets.calls.slice(calls)).toEqual([`secretsmanager.GetSecretValue ${SECRET_ARN}`]);
  });

  it("accepts a delivery signed with any active key, for rotation", async () => {
    const body = JSON.stringify({ name: "Old", age: 40, email: "old@example.com" });
    const { items } = await run([pipeRecord("m-3", body, sign(body, "the-previous-key"))]);
    expect(items[0].outcome).toBe("verified");
  });

  it("rejects a genuine delivery whose body breaks the schema, and keeps retrying what it cannot judge", async () => {
    const invalid = JSON.stringify({ name: "Kid", age: 12, email: "kid@example.com" });
    const unknownSecret = { users: { ...settings.users, secretArn: `${SECRET_ARN}-gone` } };
    expect((await run([pipeRecord("m-4", invalid, sign(invalid))])).items).toEqual([
      { messageId: "m-4", outcome: "rejected", reason: "invalid-payload" },
    ]);
    const body = JSON.stringify({ name: "Ann", age: 50, email: "ann@example.com" });
    expect((await run([pipeRecord("m-5", body, sign(body))], unknownSecret)).items).toEqual([
      { messageId: "m-5", outcome: "retry", reason: "secret-unavailable" },
    ]);
  });
});

describe("the bundled process handler, from its zip", () => {
  it("acknowledges a verified event by its message and delivery ids", async () => {
    const event = { messageId: "m-1", event: { source: "users", deliveryId: "d-1", requestId: "r-1", receivedAt: 1, payload: {} } };
    const result = await invokeZip(bundleHandler("handlers/process.ts").zipPath, event, { POWERTOOLS_LOG_LEVEL: "ERROR" });
    expect(result).toEqual({ messageId: "m-1", deliveryId: "d-1" });
  });
});
