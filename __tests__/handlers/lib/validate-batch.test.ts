import { createHmac } from "node:crypto";
import fc from "fast-check";
import type { Envelope } from "../../../delivery/envelope";
import type { SourceSettings } from "../../../delivery/source-settings";
import { validateBatch, type PipeRecord, type Rejection, type ValidateDependencies } from "../../../handlers/lib/validate-batch";
import { verificationSchema } from "../../../senders/verification";

const KEY = "signing-key-never-logged";
const sources: Record<string, SourceSettings> = {
  users: { schema: "users", secretId: "arn:users", verification: verificationSchema.parse({ scheme: "hmac" }) },
  broken: { schema: "no-such-schema", secretId: "arn:users", verification: verificationSchema.parse({ scheme: "hmac" }) },
  slack: { schema: "slack-command", secretId: "arn:slack", verification: verificationSchema.parse({ scheme: "slack", toleranceSeconds: 60 }) },
  stripe: { schema: "stripe", secretId: "arn:stripe", verification: verificationSchema.parse({ scheme: "stripe" }), deliveryIdField: "id" },
};

const sign = (body: string, key = KEY) => createHmac("sha256", key).update(body).digest("hex");

function record(messageId: string, body: string, overrides: Partial<Envelope> = {}, signature?: string): PipeRecord {
  const envelope: Envelope = {
    v: 1,
    source: "users",
    deliveryId: `delivery-${messageId}`,
    receivedAt: 1,
    requestId: "r",
    sourceIp: "203.0.113.7",
    url: "https://example.com/v1/webhooks/users",
    contentType: "application/json",
    headers: { "x-signature": signature ?? sign(body) },
    body: Buffer.from(body).toString("base64"),
    ...overrides,
  };
  return { messageId, body: JSON.stringify(envelope) };
}

/**
 * Dependencies as the handler wires them, with AWS replaced by memory: a secret store whose cached
 * copy can lag, a quarantine, and claims with DynamoDB's conditional-write semantics.
 */
function deps(options: { secret?: string; cached?: string; cachedRead?: "refused"; fresh?: "refused" | "too-recent"; quarantine?: "refused"; claims?: "refused" } = {}) {
  const logs: string[] = [];
  const quarantined: Rejection[] = [];
  const claims = new Map<string, string>();
  const reads = { cached: 0, fresh: 0 };
  const current = (arn: string) => (arn === "arn:slack" ? SLACK_KEY : arn === "arn:stripe" ? STRIPE_KEY : (options.secret ?? KEY));
  const d: ValidateDependencies = {
    sources,
    secretString: async (arn) => {
      reads.cached++;
      if (options.cachedRead === "refused") throw Object.assign(new Error("down"), { name: "InternalServiceError" });
      return options.cached ?? current(arn);
    },
    freshSecretString: async (arn) => {
      reads.fresh++;
      if (options.fresh === "refused") throw Object.assign(new Error("throttled"), { name: "ThrottlingException" });
      return options.fresh === "too-recent" ? undefined : current(arn);
    },
    quarantine: async (rejection) => {
      if (options.quarantine === "refused") throw Object.assign(new Error("no"), { name: "AccessDenied" });
      quarantined.push(rejection);
      return `q-${quarantined.length}`;
    },
    claim: async ({ key, deliveryId, receivedAt }) => {
      if (options.claims === "refused") throw Object.assign(new Error("slow down"), { name: "ProvisionedThroughputExceededException" });
      const owner = claims.get(key);
      if (owner !== undefined && owner !== deliveryId) return { outcome: "replay", holder: { deliveryId: owner, receivedAt: receivedAt - 1 } };
      claims.set(key, deliveryId);
      return { outcome: "claimed" };
    },
    log: (message, fields) => logs.push(JSON.stringify({ message, ...fields })),
  };
  return { deps: d, logs, quarantined, claims, reads };
}

const user = JSON.stringify({ name: "Ada", age: 36, email: "ada@example.com" });
const outcomes = (items: Awaited<ReturnType<typeof validateBatch>>) => items.map((i) => [i.messageId, i.outcome, "reason" in i ? i.reason : undefined]);

const SLACK_KEY = "slack-signing-secret";
const STRIPE_KEY = "whsec_stripe";
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

/** A Stripe event, signed as Stripe signs it, under the API request id `requestId`. */
function stripeRecord(messageId: string, eventId: string, requestId: string) {
  const body = JSON.stringify({ id: eventId, object: "event", type: "invoice.paid", created: 1, livemode: false, data: { object: {} } });
  const t = RECEIVED_AT / 1000;
  const v1 = createHmac("sha256", STRIPE_KEY).update(`${t}.${body}`).digest("hex");
  return record(messageId, body, { source: "stripe", deliveryId: requestId, requestId, receivedAt: RECEIVED_AT, headers: { "stripe-signature": `t=${t},v1=${v1}` } });
}

describe("validateBatch", () => {
  it("gives one verdict per record, in order", async () => {
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
      deps().deps,
    );
    expect(outcomes(items)).toEqual([
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
      { messageId: "2", outcome: "rejected", source: "slack", reason: "stale-timestamp", quarantineMessageId: "q-1" },
      { messageId: "3", outcome: "rejected", source: "slack", reason: "invalid-payload", quarantineMessageId: "q-2" },
    ]);
  });

  it("hands processing the delivery metadata and the schema-parsed payload", async () => {
    const [item] = await validateBatch([record("1", user)], deps().deps);
    expect(item).toEqual({
      messageId: "1",
      outcome: "verified",
      event: { source: "users", deliveryId: "delivery-1", requestId: "r", receivedAt: 1, payload: JSON.parse(user), claim: expect.stringMatching(/^replay#users#[0-9a-f]{64}$/) },
    });
  });

  it("retries every record of a source whose secret cannot be fetched, fetching it once", async () => {
    let fetches = 0;
    const { deps: d, logs } = deps();
    const failing: ValidateDependencies = {
      ...d,
      secretString: async () => {
        fetches++;
        throw Object.assign(new Error("throttled"), { name: "ThrottlingException" });
      },
    };
    const items = await validateBatch([record("1", user), record("2", user)], failing);
    expect(items.map((i) => i.outcome)).toEqual(["retry", "retry"]);
    expect(fetches).toBe(1);
    expect(logs.join()).toContain("ThrottlingException");
  });

  it("logs the reason of each rejection, never the secret or the signature", async () => {
    const signature = "ab".repeat(32);
    const { deps: d, logs } = deps();
    await validateBatch([record("1", user, {}, signature)], d);
    expect(JSON.parse(logs[0])).toMatchObject({ message: "delivery rejected and quarantined", reason: "signature-mismatch", source: "users", deliveryId: "delivery-1" });
    expect(logs.join()).not.toContain(KEY);
    expect(logs.join()).not.toContain(signature);
  });
});

describe("the quarantine", () => {
  it("keeps every rejected record, its envelope byte for byte, with its reason and what was wrong", async () => {
    const { deps: d, quarantined } = deps();
    const forged = record("forged", user, {}, "00".repeat(32));
    const invalid = record("invalid", JSON.stringify({ name: "", age: 9, email: "kid@example.com" }));
    const items = await validateBatch([forged, invalid, record("fine", user)], d);
    expect(outcomes(items)).toEqual([
      ["forged", "rejected", "signature-mismatch"],
      ["invalid", "rejected", "invalid-payload"],
      ["fine", "verified", undefined],
    ]);
    // Quarantined as each verdict is reached: a mismatch waits for a fresh read of the secret.
    expect([...quarantined].sort((a, b) => a.record.messageId.localeCompare(b.record.messageId))).toEqual([
      { record: forged, source: "users", deliveryId: "delivery-forged", reason: "signature-mismatch" },
      {
        record: invalid,
        source: "users",
        deliveryId: "delivery-invalid",
        reason: "invalid-payload",
        detail: "name: String must contain at least 1 character(s); age: Number must be greater than or equal to 18",
      },
    ]);
    expect(items[0]).toMatchObject({ quarantineMessageId: "q-2" });
  });

  it("acknowledges nothing it could not keep: a refused quarantine retries the delivery", async () => {
    const { deps: d, logs } = deps({ quarantine: "refused" });
    const items = await validateBatch([record("forged", user, {}, "00".repeat(32)), record("fine", user)], d);
    expect(outcomes(items)).toEqual([
      ["forged", "retry", "quarantine-unavailable"],
      ["fine", "verified", undefined],
    ]);
    expect(logs.join()).toContain("AccessDenied");
  });

  it("never logs the payload: a marker anywhere in a rejected body reaches the quarantine, not a log line", async () => {
    const MARKER = "PAYLOAD-MARKER-7f3a";
    const bodies = fc.oneof(
      fc.constant(JSON.stringify({ name: MARKER, age: MARKER, email: MARKER })),
      fc.string().map((text) => `${MARKER}${text}`),
      fc.string().map((text) => JSON.stringify({ [MARKER]: text, name: 1 })),
      fc.integer({ min: 65, max: 3_000 }).map((depth) => `${"[".repeat(depth)}"${MARKER}"${"]".repeat(depth)}`),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, forged) => {
        const { deps: d, logs, quarantined } = deps();
        const items = await validateBatch([record("1", body, {}, forged ? "00".repeat(32) : undefined)], d);
        expect(items[0].outcome).toBe("rejected");
        expect(quarantined[0].record.body).toContain(Buffer.from(body).toString("base64"));
        expect(logs.join("\n")).not.toContain(MARKER);
      }),
      { numRuns: 100 },
    );
  });
});

describe("secret rotation", () => {
  it("reads the secret afresh once before rejecting, so a sender that switched to a newly stored secret loses nothing", async () => {
    const { deps: d, reads, quarantined } = deps({ secret: "the-new-key", cached: KEY });
    const other = JSON.stringify({ name: "Bob", age: 40, email: "bob@example.com" });
    const signedWithNew = [record("1", user, {}, sign(user, "the-new-key")), record("2", other, {}, sign(other, "the-new-key"))];
    const signedWithOld = JSON.stringify({ name: "Cy", age: 50, email: "cy@example.com" });
    const items = await validateBatch([...signedWithNew, record("3", signedWithOld)], d);
    expect(outcomes(items).map(([, outcome]) => outcome)).toEqual(["verified", "verified", "verified"]);
    expect(reads).toEqual({ cached: 1, fresh: 1 });
    expect(quarantined).toEqual([]);
  });

  it("rejects when the fresh read agrees, or when the secret was read afresh too recently to ask again", async () => {
    for (const options of [{}, { fresh: "too-recent" as const, secret: "the-new-key", cached: KEY }]) {
      const { deps: d, reads } = deps(options);
      const items = await validateBatch([record("1", user, {}, sign(user, "a-forger's-key"))], d);
      expect(outcomes(items)).toEqual([["1", "rejected", "signature-mismatch"]]);
      expect(reads.fresh).toBe(1);
    }
  });

  it("reads afresh only for a mismatch, and retries rather than rejects when the fresh read fails", async () => {
    const stale = deps();
    await validateBatch([slackRecord("1", command, 61), record("2", "not json")], stale.deps);
    expect(stale.reads.fresh).toBe(0);

    const refused = deps({ fresh: "refused" });
    expect(outcomes(await validateBatch([record("1", user, {}, "00".repeat(32))], refused.deps))).toEqual([["1", "retry", "secret-refresh-unavailable"]]);
  });
});

describe("faults are never verdicts", () => {
  /** What each check needs from outside, failed one by one and together. */
  const FAULTS = ["cachedRead", "fresh", "claims", "quarantine"] as const;
  const subsets = FAULTS.reduce<(typeof FAULTS)[number][][]>((all, fault) => [...all, ...all.map((set) => [...set, fault])], [[]]);
  const other = JSON.stringify({ name: "Bob", age: 40, email: "bob@example.com" });
  /** Each kind of delivery, with the stored secret it meets: the cached copy lags behind a rotation. */
  const KINDS = {
    genuine: { records: () => [record("k", user)], secret: {} },
    "signed with a secret newer than the cached copy": { records: () => [record("k", user, {}, sign(user, "the-new-key"))], secret: { secret: "the-new-key", cached: KEY } },
    forged: { records: () => [record("k", user, {}, sign(user, "a-forger's-key"))], secret: {} },
    "schema-invalid": { records: () => [record("k", JSON.stringify({ name: 7 }))], secret: {} },
    "a replay under another delivery id": { records: () => [record("first", other, { deliveryId: "d-1" }), record("k", other, { deliveryId: "d-2" })], secret: {} },
  };

  it.each(Object.keys(KINDS) as (keyof typeof KINDS)[])("%s: with any of its dependencies failing, it gets its fault-free verdict or a retry, never another verdict", async (kind) => {
    const { records, secret } = KINDS[kind];
    const verdictOf = async (faults: readonly string[]) => {
      // Earlier copies (a replay's first delivery) are claimed beforehand, with nothing failing.
      const before = deps({ ...secret });
      await validateBatch(records().slice(0, -1), before.deps);
      const faulty = deps({ ...secret, ...Object.fromEntries(faults.map((fault) => [fault, "refused"])) });
      for (const [key, holder] of before.claims) faulty.claims.set(key, holder);
      return outcomes(await validateBatch(records().slice(-1), faulty.deps))[0].slice(1);
    };
    const faultFree = await verdictOf([]);
    expect(faultFree[0]).not.toBe("retry");
    for (const faults of subsets.slice(1)) {
      const outcome = await verdictOf(faults);
      if (outcome[0] !== "retry") expect([faults, outcome]).toEqual([faults, faultFree]);
    }
  });

  it("retries a mismatch that may be a rotation when the secret cannot be read afresh (issue 21's 166 of 470)", async () => {
    const { deps: d, quarantined } = deps({ secret: "the-new-key", cached: KEY, fresh: "refused" });
    const items = await validateBatch([record("1", user, {}, sign(user, "the-new-key"))], d);
    expect(outcomes(items)).toEqual([["1", "retry", "secret-refresh-unavailable"]]);
    expect(quarantined).toEqual([]);
  });
});

describe("replays", () => {
  it("quarantines the same signed content under another delivery id as a replay, and processes its first delivery", async () => {
    const { deps: d, quarantined } = deps();
    const first = await validateBatch([record("1", user, { deliveryId: "request-1" })], d);
    const again = await validateBatch([record("2", user, { deliveryId: "request-2" })], d);
    expect([...outcomes(first), ...outcomes(again)]).toEqual([
      ["1", "verified", undefined],
      ["2", "rejected", "replay"],
    ]);
    expect(quarantined.map((q) => [q.record.messageId, q.deliveryId, q.reason, q.heldBy?.deliveryId])).toEqual([["2", "request-2", "replay", "request-1"]]);
    expect(quarantined[0].detail).toMatch(/^the same signed content is held by delivery request-1, received \d{4}-/);
  });

  it("lets the same delivery through again (a retry, a redrive, a release, a sender's redelivery): idempotency handles those", async () => {
    const { deps: d } = deps();
    const once = record("1", user, { deliveryId: "gh-1" });
    const items = [...(await validateBatch([once], d)), ...(await validateBatch([{ ...once, messageId: "redriven" }], d))];
    expect(items.map((i) => i.outcome)).toEqual(["verified", "verified"]);
  });

  it("tells different deliveries apart by source, body and signature, and keys Stripe's by its signed event id", async () => {
    const { deps: d, claims } = deps();
    const other = JSON.stringify({ name: "Bob", age: 40, email: "bob@example.com" });
    const items = await validateBatch(
      [record("1", user), record("2", other), stripeRecord("3", "evt_1", "request-a"), stripeRecord("4", "evt_1", "request-b")],
      d,
    );
    expect(items.map((i) => i.outcome)).toEqual(["verified", "verified", "verified", "verified"]);
    expect([...claims.values()]).toEqual(["delivery-1", "delivery-2", "evt_1"]);
    for (const key of claims.keys()) expect(key).toMatch(/^replay#(users|stripe)#[0-9a-f]{64}$/);
    expect(JSON.stringify([...claims.keys()])).not.toContain(sign(user));
  });

  it("retries, rather than processes or rejects, when claims cannot be checked", async () => {
    const { deps: d } = deps({ claims: "refused" });
    expect(outcomes(await validateBatch([record("1", user)], d))).toEqual([["1", "retry", "replay-check-unavailable"]]);
  });
});

describe("hostile records", () => {
  it("quarantines a body nested 50,000 levels deep alone, and its batch-mates are verified", async () => {
    const deep = `{"name":"Ada","age":36,"email":"ada@example.com","x":${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
    const { deps: d, quarantined } = deps();
    const batch = [record("1", user, { deliveryId: "a" }), record("deep", deep), slackRecord("2", command), record("3", JSON.stringify({ name: "Eve", age: 50, email: "e@example.com" }))];
    const items = await validateBatch(batch, d);
    expect(outcomes(items)).toEqual([
      ["1", "verified", undefined],
      ["deep", "rejected", "invalid-payload"],
      ["2", "verified", undefined],
      ["3", "verified", undefined],
    ]);
    expect(quarantined[0].detail).toBe("body nests deeper than 64 levels");
    // What the function answers must serialize, or the whole batch would fail.
    expect(() => JSON.stringify({ items })).not.toThrow();
  });

  it("retries a record that trips over a fault of ours alone, logging no more than the error's name", async () => {
    const { deps: d, logs } = deps();
    const trap = new Proxy(sources, {
      get: (target, name) => {
        if (name === "trap") throw new TypeError(`cannot read ${String(name)} of the payload`);
        return target[name as string];
      },
    });
    const items = await validateBatch([record("1", user), record("2", user, { source: "trap" })], { ...d, sources: trap });
    expect(outcomes(items)).toEqual([
      ["1", "verified", undefined],
      ["2", "retry", "validation-failed"],
    ]);
    expect(logs.join()).toContain('"detail":"TypeError"');
    expect(logs.join()).not.toContain("cannot read");
  });
});
