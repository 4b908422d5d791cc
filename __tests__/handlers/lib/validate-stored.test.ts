import { createHash, createHmac } from "node:crypto";
import type { SourceSettings } from "../../../delivery/source-settings";
import { StoredBodyError, type StoredObject } from "../../../delivery/stored-delivery";
import { validateBatch, type Rejection, type ValidateDependencies, type ValidatedItem } from "../../../handlers/lib/validate-batch";
import { countDeliveries } from "../../../handlers/lib/delivery-metrics";
import { objectCreatedNotification } from "../../../local/s3";
import { verificationSchema } from "../../../senders/verification";

/**
 * The validate step on stored deliveries: a queue message that is S3's notification is read back
 * from the bucket, its object checked against what was notified, and judged as an inline one.
 * Whatever is wrong with the object is a fault to retry, never a verdict.
 */
const KEY = "users-key";
const BUCKET = "webhooks-test-body-0a1b";
const sources: Record<string, SourceSettings> = {
  users: { schema: "users", secretId: "arn:users", verification: verificationSchema.parse({ scheme: "hmac" }), deliveryIdHeader: "x-delivery" },
};
const sign = (body: Buffer, key = KEY) => createHmac("sha256", key).update(body).digest("hex");
const md5 = (body: Buffer) => `"${createHash("md5").update(body).digest("hex")}"`;

/** A stored object as the route's S3 integration writes it. */
function object(body: Buffer, signature = sign(body), requestId = "req-1"): StoredObject & { eTag: string } {
  return {
    body,
    contentType: "application/json",
    eTag: md5(body),
    metadata: { "request-id": requestId, "received-at": "1764000000000", "source-ip": "203.0.113.7", domain: "api.example.com", path: "/v1/webhooks/users", "delivery-id": `d-${requestId}`, "h-x-signature": signature },
  };
}

function setup(objects: Record<string, StoredObject & { eTag: string }>, inlinePayloadBytes?: number) {
  const quarantined: Rejection[] = [];
  let reading = 0;
  let mostAtOnce = 0;
  const deps: ValidateDependencies = {
    sources,
    secretString: async () => KEY,
    freshSecretString: async () => undefined,
    quarantine: async (rejection) => (quarantined.push(rejection), `q-${quarantined.length}`),
    claim: async () => ({ outcome: "claimed" }),
    log: () => {},
    readStored: async (ref) => {
      mostAtOnce = Math.max(mostAtOnce, ++reading);
      await new Promise((resolve) => setTimeout(resolve, 5));
      reading--;
      const found = objects[ref.key];
      if (!found) throw new StoredBodyError("stored-body-missing", `${ref.key} is gone`);
      if (found.eTag.replace(/"/g, "") !== ref.eTag.replace(/"/g, "")) throw new StoredBodyError("stored-body-altered", `${ref.key} is not the object notified`);
      return found;
    },
    ...(inlinePayloadBytes !== undefined ? { inlinePayloadBytes } : {}),
  };
  return { deps, quarantined, mostAtOnce: () => mostAtOnce };
}

const notified = (messageId: string, key: string, stored: StoredObject & { eTag: string }) => ({ messageId, body: objectCreatedNotification(BUCKET, key, { ...stored, metadata: stored.metadata }, "us-east-1") });
const user = (name: string) => Buffer.from(JSON.stringify({ name, age: 36, email: "ada@example.com" }));
const outcomes = (items: ValidatedItem[]) => items.map((i) => [i.messageId, i.outcome, "reason" in i ? i.reason : undefined]);

describe("the validate step, on stored deliveries", () => {
  it("verifies a stored delivery from the object's exact bytes, with the request's details from its metadata", async () => {
    const body = user("Ada");
    const stored = object(body);
    const { deps } = setup({ "users/req-1": stored });
    const [item] = await validateBatch([notified("m-1", "users/req-1", stored)], deps);
    expect(item).toMatchObject({ outcome: "verified", event: { source: "users", deliveryId: "d-req-1", requestId: "req-1", receivedAt: 1764000000000, payload: { name: "Ada" } } });
  });

  it("passes a payload too large for the execution on as a reference, with the SHA-256 of the bytes verified", async () => {
    const body = user("A".repeat(200));
    const stored = object(body);
    const { deps } = setup({ "users/req-1": stored }, 100);
    const [item] = await validateBatch([notified("m-1", "users/req-1", stored)], deps);
    expect(item).toMatchObject({
      outcome: "verified",
      event: { payloadRef: { bucket: BUCKET, key: "users/req-1", size: body.length, sha256: createHash("sha256").update(body).digest("hex"), contentType: "application/json" } },
    });
    expect((item as { event: object }).event).not.toHaveProperty("payload");
  });

  it("retries, never judges, a stored delivery whose object is gone, was replaced, or is not the size notified", async () => {
    const body = user("Ada");
    const stored = object(body);
    const replaced = { ...object(user("Mallory")), eTag: md5(user("Mallory")) };
    const { deps, quarantined } = setup({ "users/replaced": replaced, "users/short": { ...stored, body: body.subarray(1) } });
    const items = await validateBatch(
      [notified("gone", "users/gone", stored), notified("replaced", "users/replaced", stored), notified("short", "users/short", stored)],
      deps,
    );
    expect(outcomes(items)).toEqual([
      ["gone", "retry", "stored-body-missing"],
      ["replaced", "retry", "stored-body-altered"],
      ["short", "retry", "stored-body-altered"],
    ]);
    expect(quarantined).toEqual([]);
  });

  it("quarantines a forged stored delivery with its notification byte for byte: a release points at the same object", async () => {
    const body = user("Eve");
    const stored = object(body, sign(body, "a forger's key"));
    const { deps, quarantined } = setup({ "users/req-1": stored });
    const record = notified("m-1", "users/req-1", stored);
    const [item] = await validateBatch([record], deps);
    expect(item).toMatchObject({ outcome: "rejected", reason: "signature-mismatch" });
    expect(quarantined.map((q) => q.record.body)).toEqual([record.body]);
  });

  it("reads and verifies a batch's stored bodies one at a time, so ten of 10 MB never sit in memory together", async () => {
    const objects = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`users/req-${i}`, object(user(`U${i}`), undefined, `req-${i}`)]));
    const { deps, mostAtOnce } = setup(objects);
    const items = await validateBatch(Object.entries(objects).map(([key, stored], i) => notified(`m-${i}`, key, stored)), deps);
    expect(items.every((item) => item.outcome === "verified")).toBe(true);
    expect(mostAtOnce()).toBe(1);
  });

  it("acknowledges S3's test of the notification, which is no delivery and counts as none", async () => {
    const { deps } = setup({});
    const test = { messageId: "t", body: JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Time: "2026-12-05T00:00:00Z", Bucket: BUCKET }) };
    const items = await validateBatch([test], deps);
    expect(outcomes(items)).toEqual([["t", "ignored", "s3-test-event"]]);
    expect(countDeliveries(items)).toEqual([]);
  });

  it("retries a notification that is not one object created, as a malformed message", async () => {
    const { deps } = setup({});
    const two = JSON.parse(objectCreatedNotification(BUCKET, "users/a", object(user("A")), "us-east-1"));
    two.Records.push(two.Records[0]);
    const removed = JSON.parse(objectCreatedNotification(BUCKET, "users/a", object(user("A")), "us-east-1"));
    removed.Records[0].eventName = "ObjectRemoved:Delete";
    const items = await validateBatch([{ messageId: "two", body: JSON.stringify(two) }, { messageId: "removed", body: JSON.stringify(removed) }], deps);
    expect(outcomes(items)).toEqual([
      ["two", "retry", "malformed-envelope"],
      ["removed", "retry", "malformed-envelope"],
    ]);
  });
});
