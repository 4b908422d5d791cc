import { createHmac } from "node:crypto";
import type { Envelope } from "../../../handlers/lib/envelope";
import type { SourceSettings } from "../../../handlers/lib/source-settings";
import { validateBatch, type ValidateDependencies } from "../../../handlers/lib/validate-batch";
import { hmacSha256VerificationSchema } from "../../../handlers/lib/verification";

const KEY = "signing-key-never-logged";
const sources: Record<string, SourceSettings> = {
  users: { schema: "users", secretArn: "arn:users", verification: hmacSha256VerificationSchema.parse({ scheme: "hmac-sha256" }) },
  broken: { schema: "no-such-schema", secretArn: "arn:users", verification: hmacSha256VerificationSchema.parse({ scheme: "hmac-sha256" }) },
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

function deps(secretString: ValidateDependencies["secretString"] = async () => KEY) {
  const logs: string[] = [];
  return { logs, deps: { sources, secretString, log: (message: string, fields: object) => logs.push(JSON.stringify({ message, ...fields })) } };
}

const user = JSON.stringify({ name: "Ada", age: 36, email: "ada@example.com" });

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
