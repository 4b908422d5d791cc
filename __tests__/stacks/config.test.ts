import { SCHEMES } from "../../senders";
import {
  ConfigError,
  parseWebhookConfig,
  sourceConfigSchema,
  type WebhookConfigInput,
} from "../../stacks/config";
import { forwardedHeaders } from "../../delivery/source-settings";
import { largestMessageFitting, pipeRecordBytes, STEP_FUNCTIONS_MAX_INPUT } from "../../stacks/invariants";

const minimal: WebhookConfigInput = { sources: { users: { schema: "users", verification: { scheme: "hmac" } } } };

function problems(input: unknown): string[] {
  try {
    parseWebhookConfig(input as WebhookConfigInput);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("parseWebhookConfig", () => {
  it("fills in the documented defaults", () => {
    const config = parseWebhookConfig(minimal);
    expect(config).toMatchObject({
      environment: "dev",
      namePrefix: "webhooks",
      region: "us-east-1",
      tags: {},
      queue: { maxReceiveCount: 3, retentionSeconds: 7 * 86_400, deadLetterRetentionSeconds: 14 * 86_400, visibilityTimeoutFactor: 6 },
      pipe: { batchSize: 10, maximumBatchingWindowSeconds: 1 },
      stateMachine: { timeoutSeconds: 60 },
      logRetentionDays: 30,
      api: { stageName: "v1", loggingLevel: "ERROR", manageAccountCloudWatchRole: true, throttlingRateLimit: 100, throttlingBurstLimit: 200 },
      quarantine: { retentionSeconds: 14 * 86_400 },
      functions: { reservedConcurrency: { validate: 10, process: 20 } },
      backend: {},
    });
    expect(config.sources.users.throttle).toBeUndefined();
    expect(config.sources.users.verification).toEqual({
      scheme: "hmac",
      algorithm: "sha256",
      encoding: "hex",
      header: "x-signature",
      prefix: "",
      signedContent: "{body}",
      timestampFormat: "unix",
      toleranceSeconds: 300,
    });
    expect(config.sources.users).toMatchObject({ contentTypes: ["application/json"], deliveryIdHeader: undefined, eventType: undefined });
    expect(config.api.customDomain).toBeUndefined();
  });

  it("lower-cases header names, since the API forwards them by lower-case name", () => {
    const config = parseWebhookConfig({
      sources: { users: { schema: "users", deliveryIdHeader: "X-Delivery-Id", verification: { scheme: "hmac", header: "X-Signature" } } },
    });
    expect(config.sources.users.deliveryIdHeader).toBe("x-delivery-id");
    expect(config.sources.users.verification).toMatchObject({ header: "x-signature" });
  });

  it("reports every problem at once, each with its path", () => {
    expect(
      problems({
        namePrefix: "Bad_Prefix",
        region: "mars-1",
        logRetentionDays: 31,
        sources: {
          users: { schema: "nope", verification: { scheme: "hmac", header: "bad header" }, contentTypes: ["text/xml"] },
          "Bad Name": { schema: "users", verification: { scheme: "md5" } },
          slack: { schema: "slack-command", verification: { scheme: "slack", toleranceSeconds: 0 } },
        },
        queue: { maxReceiveCount: 0 },
        api: { customDomain: { domainName: "Hooks.Example.com", certificateArn: "arn:aws:iam::123456789012:server-certificate/x" } },
      }),
    ).toEqual([
      expect.stringMatching(/^namePrefix: /),
      expect.stringMatching(/^region: /),
      expect.stringMatching(/^sources\.users\.schema: /),
      expect.stringMatching(/^sources\.users\.verification\.header: must be an HTTP header name/),
      expect.stringMatching(/^sources\.users\.contentTypes\.0: /),
      expect.stringMatching(/^sources\.Bad Name: a source name is/),
      expect.stringMatching(/^sources\.Bad Name\.verification\.scheme: /),
      expect.stringMatching(/^sources\.slack\.verification\.toleranceSeconds: /),
      expect.stringMatching(/^queue\.maxReceiveCount: /),
      expect.stringMatching(/^logRetentionDays: must be one of 1, 3, 5/),
      expect.stringMatching(/^api\.customDomain\.domainName: a lower-case DNS name/),
      expect.stringMatching(/^api\.customDomain\.certificateArn: an ACM certificate ARN/),
    ]);
  });

  it("checks the numbers that must agree with each other", () => {
    expect(
      problems({
        ...minimal,
        queue: { retentionSeconds: 86_400, deadLetterRetentionSeconds: 86_400, visibilityTimeoutFactor: 12, maxMessageSizeBytes: 262_144 },
        stateMachine: { timeoutSeconds: 300 },
        functions: { timeoutSeconds: 300 },
        pipe: { batchSize: 100, maximumBatchingWindowSeconds: 0 },
      }),
    ).toEqual([
      // In the config's order of sections, whichever section's file holds the check.
      "queue.deadLetterRetentionSeconds: 86400 s must exceed the queue's retention, 86400 s: the DLQ keeps the original enqueue time",
      "queue.maxMessageSizeBytes: no message size fits a batch of 100: lower the batch size",
      "pipe.maximumBatchingWindowSeconds: 0 s must be at least 1 when the batch size (100) exceeds 10 (an SQS rule)",
      "functions.timeoutSeconds: 300 s must be below stateMachine.timeoutSeconds, 300 s, so a slow function fails inside the execution",
    ]);
  });

  it("keeps a full batch of the largest messages within one Step Functions input", () => {
    const largest = largestMessageFitting(4);
    // The bound is exact: the largest message's record at its worst fills a quarter of the input, one byte more does not fit.
    expect(4 * pipeRecordBytes(largest)).toBeLessThanOrEqual(STEP_FUNCTIONS_MAX_INPUT);
    expect(4 * pipeRecordBytes(largest + 1)).toBeGreaterThan(STEP_FUNCTIONS_MAX_INPUT);
    expect(problems({ ...minimal, pipe: { batchSize: 4 }, queue: { maxMessageSizeBytes: largest } })).toEqual([]);
    expect(problems({ ...minimal, pipe: { batchSize: 4 }, queue: { maxMessageSizeBytes: largest + 1 } })).toEqual([
      `queue.maxMessageSizeBytes: ${largest + 1} bytes is above the ${largest} that fit a batch of 4: a full batch of the largest messages, each in a record of up to ` +
        `${pipeRecordBytes(largest + 1)} characters, must fit the ${STEP_FUNCTIONS_MAX_INPUT}-character Step Functions input (or lower the batch size)`,
    ]);
    expect(problems({ ...minimal, pipe: { batchSize: 1 }, queue: { maxMessageSizeBytes: 262_144 } })).toEqual([
      expect.stringMatching(new RegExp(`^queue\\.maxMessageSizeBytes: 262144 bytes is above the ${largestMessageFitting(1)} that fit a batch of 1: `)),
    ]);
    // The defaults fit: the queue's message follows the batch.
    expect(problems(minimal)).toEqual([]);
    for (const batchSize of [1, 2, 4, 10, 25]) expect(parseWebhookConfig({ ...minimal, pipe: { batchSize } }).queue.maxMessageSizeBytes).toBe(Math.min(262_144, largestMessageFitting(batchSize)));
  });

  it("bounds the quarantine's retention, each source's throttle and the reserved concurrency, and names what it got wrong", () => {
    expect(
      problems({
        sources: { users: { schema: "users", verification: { scheme: "hmac" }, throttle: { rateLimit: 0, burstLimit: 6_000, rate: 1 } } },
        quarantine: { retentionSeconds: 15 * 86_400 },
        functions: { reservedConcurrency: { validate: 0, proces: 3 } },
      }),
    ).toEqual([
      expect.stringMatching(/^sources\.users\.throttle\.rateLimit: /),
      expect.stringMatching(/^sources\.users\.throttle\.burstLimit: /),
      'sources.users.throttle.rate: unknown key; did you mean "rateLimit"?',
      expect.stringMatching(/^quarantine\.retentionSeconds: /),
      expect.stringMatching(/^functions\.reservedConcurrency\.validate: /),
      'functions.reservedConcurrency.proces: unknown key; did you mean "process"?',
    ]);
    const throttled = parseWebhookConfig({ sources: { users: { schema: "users", verification: { scheme: "hmac" }, throttle: { rateLimit: 5, burstLimit: 10 } } } });
    expect(throttled.sources.users.throttle).toEqual({ rateLimit: 5, burstLimit: 10 });
  });

  it("reserves enough processing for one batch's deliveries at once", () => {
    expect(problems({ ...minimal, pipe: { batchSize: 4 }, queue: { maxMessageSizeBytes: 40_000 }, functions: { reservedConcurrency: { process: 3 } } })).toEqual([
      "functions.reservedConcurrency.process: 3 must be at least 4: one batch processes that many deliveries at once (pipe.batchSize, stateMachine.maxConcurrency)",
    ]);
    expect(problems({ ...minimal, pipe: { batchSize: 1 }, functions: { reservedConcurrency: { process: 1, validate: null } } })).toEqual([]);
  });

  it("refuses unknown keys at every level, suggesting the key meant, so a misspelling never silently keeps a default", () => {
    expect(
      problems({
        ...minimal,
        sources: { users: { schema: "users", verification: { scheme: "hmac", algoritm: "sha1" }, deliveryIDHeader: "x-id" } },
        pipe: { batchsize: 10 },
        alarm: { email: "ops@example.com" },
        api: { customDomain: { domainName: "hooks.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", basepath: "in" } },
        backend: { s3: { bucket: "state", regoin: "eu-west-1" } },
        unrelated: true,
      }),
    ).toEqual([
      'sources.users.verification.algoritm: unknown key; did you mean "algorithm"?',
      'sources.users.deliveryIDHeader: unknown key; did you mean "deliveryIdHeader"?',
      'pipe.batchsize: unknown key; did you mean "batchSize"?',
      'api.customDomain.basepath: unknown key; did you mean "basePath"?',
      'backend.s3.regoin: unknown key; did you mean "region"?',
      'alarm: unknown key; did you mean "alarms"?',
      "unrelated: unknown key",
    ]);
  });

  it("reports a bad scheme, a bad email and a batch too large for its messages together, each echoing the value it got", () => {
    expect(
      problems({
        sources: { repo: { schema: "github", verification: { scheme: "githib" } }, users: { schema: "users", verification: { scheme: "hmac", algorithm: "md5" } } },
        alarms: { email: "ops-at-example.com" },
        pipe: { batchSize: 11 },
        queue: { maxMessageSizeBytes: 230_400 },
      }),
    ).toEqual([
      `sources.repo.verification.scheme: not one of its ${Object.keys(SCHEMES).length} values (got "githib"); did you mean "github"?`,
      "sources.users.verification.algorithm: Invalid enum value. Expected 'sha1' | 'sha256' | 'sha512', received 'md5'",
      'alarms.email: Invalid email (got "ops-at-example.com")',
      expect.stringMatching(/^queue\.maxMessageSizeBytes: 230400 bytes is above the \d+ that fit a batch of 11: /),
    ]);
  });

  it("checks across the sections that parsed, whatever else failed", () => {
    expect(problems({ sources: { users: { schema: "nope", verification: { scheme: "hmac" } } }, queue: { retentionSeconds: 600, deadLetterRetentionSeconds: 600 } })).toEqual([
      expect.stringMatching(/^sources\.users\.schema: /),
      "queue.deadLetterRetentionSeconds: 600 s must exceed the queue's retention, 600 s: the DLQ keeps the original enqueue time",
    ]);
  });

  it("answers a sender's handshake by default where it makes one, but Slack's, which only its Events API needs", () => {
    const handshake = (verification: object, extra: object = {}) => sourceConfigSchema.parse({ schema: "github", verification, ...extra }).handshake;
    expect([handshake({ scheme: "meta" }), handshake({ scheme: "zoom" }), handshake({ scheme: "github" }), handshake({ scheme: "slack" })]).toEqual([true, true, false, false]);
    expect(handshake({ scheme: "slack" }, { handshake: true })).toBe(true);
    expect(problems({ sources: { repo: { schema: "github", verification: { scheme: "github" }, handshake: true } } })).toEqual([
      "sources.repo.handshake: the github scheme's sender makes no handshake (got true)",
    ]);
  });

  it("needs at least one source", () => {
    expect(problems({ sources: {} })).toEqual(["sources: at least one source is needed (got {})"]);
  });

  it("keeps a default batch of the largest messages within one Step Functions input", () => {
    const { pipe, queue } = parseWebhookConfig(minimal);
    expect(pipe.batchSize * pipeRecordBytes(queue.maxMessageSizeBytes)).toBeLessThanOrEqual(STEP_FUNCTIONS_MAX_INPUT);
  });
});


describe("a source", () => {
  const source = (input: object) => sourceConfigSchema.parse({ schema: "users", ...input });

  it("takes its sender's delivery id, event type and content types from its scheme", () => {
    expect(source({ verification: { scheme: "github" } })).toMatchObject({
      deliveryIdHeader: "x-github-delivery",
      eventType: { header: "x-github-event" },
      contentTypes: ["application/json"],
    });
    expect(source({ verification: { scheme: "stripe" } })).toMatchObject({ deliveryIdHeader: undefined, eventType: { field: "type" } });
    expect(source({ verification: { scheme: "twilio" } }).contentTypes).toEqual(["application/x-www-form-urlencoded", "application/json"]);
  });

  it("lets the source override each of them", () => {
    const custom = source({
      verification: { scheme: "github" },
      deliveryIdHeader: "X-Request-Id",
      eventType: { field: "action" },
      contentTypes: ["application/x-www-form-urlencoded"],
    });
    expect(custom).toMatchObject({ deliveryIdHeader: "x-request-id", eventType: { field: "action" }, contentTypes: ["application/x-www-form-urlencoded"] });
    expect(sourceConfigSchema.safeParse({ schema: "users", verification: { scheme: "github" }, eventType: { field: "a.b" } }).success).toBe(false);
  });

  it("forwards exactly the headers its scheme reads, its delivery id and event type headers, each once", () => {
    expect(forwardedHeaders(source({ verification: { scheme: "github" } }))).toEqual(["x-hub-signature-256", "x-github-delivery", "x-github-event"]);
    expect(forwardedHeaders(source({ verification: { scheme: "standard-webhooks", headerPrefix: "svix" } }))).toEqual([
      "svix-id",
      "svix-timestamp",
      "svix-signature",
    ]);
    expect(forwardedHeaders(source({ verification: { scheme: "stripe" } }))).toEqual(["stripe-signature"]);
    expect(forwardedHeaders(source({ verification: { scheme: "hmac", idHeader: "X-Id", signedContent: "{id}{body}" }, eventType: { header: "X-Kind" } }))).toEqual([
      "x-signature",
      "x-id",
      "x-kind",
    ]);
  });
});

describe("the shields and the policy, in the config", () => {
  const github = { schema: "github", verification: { scheme: "github" } } as const;

  it("takes a source's allowlist as CIDR ranges, or its sender's published ranges, and refuses anything else", () => {
    const config = parseWebhookConfig({ sources: { github: { ...github, allowedSourceIps: "published" }, users: { ...minimal.sources.users, allowedSourceIps: ["192.0.2.0/24", "2001:db8::/32"] } } });
    expect(config.sources.github.allowedSourceIps).toContain("192.30.252.0/22");
    expect(config.sources.users.allowedSourceIps).toEqual(["192.0.2.0/24", "2001:db8::/32"]);
    expect(problems({ sources: { users: { ...minimal.sources.users, allowedSourceIps: ["192.0.2.0", "300.0.0.0/8", "10.0.0.0/33"] } } })).toEqual([
      'sources.users.allowedSourceIps.0: a CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (got "192.0.2.0")',
      'sources.users.allowedSourceIps.1: a CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (got "300.0.0.0/8")',
      'sources.users.allowedSourceIps.2: a CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (got "10.0.0.0/33")',
    ]);
    expect(problems({ sources: { users: { ...minimal.sources.users, allowedSourceIps: "published" } } })).toEqual([
      'sources.users.allowedSourceIps: the hmac scheme\'s sender publishes no ranges we know of (github, stripe do): list its CIDR ranges (got "published")',
    ]);
  });

  it("accepts a suppression only of a known rule, with a reason a reviewer can judge", () => {
    const reason = "Our security team accepted this on 2026-11-02 (SEC-1234)";
    expect(problems({ ...minimal, policy: { suppressions: [{ rule: "CKV_AWS_117", reason, resources: ["aws_lambda_function.*"] }] } })).toEqual([]);
    const found = problems({ ...minimal, policy: { suppressions: [{ rule: "CKV_AWS_999", reason }, { rule: "CKV_AWS_117", reason: "n/a" }, { rule: "CKV_AWS_117", reason, resources: ["lambda"] }] } });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^policy\.suppressions\.0\.rule: Invalid enum value\. .*received 'CKV_AWS_999'/);
    expect(found[1]).toBe('policy.suppressions.1.reason: a reason a reviewer can judge: 20 characters at least (got "n/a")');
    expect(found[2]).toBe('policy.suppressions.2.resources.0: a Terraform address such as aws_lambda_function.* (got "lambda")');
  });

  it("leaves every shield off unless asked, and checks the firewall's managed groups by name", () => {
    const config = parseWebhookConfig(minimal);
    expect([config.waf.enabled, config.encryption.customerManagedKey, config.codeSigning.enabled]).toEqual([false, false, false]);
    expect(problems({ ...minimal, waf: { enabled: true, rateLimitPerFiveMinutes: 5, managedRuleGroups: [{ name: "CommonRuleSet" }] } })).toEqual([
      "waf.rateLimitPerFiveMinutes: Number must be greater than or equal to 10 (got 5)",
      'waf.managedRuleGroups.0.name: an AWS managed rule group such as AWSManagedRulesKnownBadInputsRuleSet (got "CommonRuleSet")',
    ]);
  });
});
