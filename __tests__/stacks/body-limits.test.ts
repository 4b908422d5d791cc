import { buildEnvelope } from "../../delivery/envelope";
import { API_GATEWAY_MAX_BODY_BYTES } from "../../delivery/stored-delivery";
import { forwardedHeaders } from "../../delivery/source-settings";
import { bodyRouteOf, inlineBodyLimit, S3_NOTIFICATION_BYTES } from "../../stacks/body-limits";
import { bodyRoutes, ConfigError, parseWebhookConfig, type WebhookConfigInput } from "../../stacks/config";
import { largestMessageFitting } from "../../stacks/invariants";
import { schemeOf } from "../../senders";

const problems = (input: WebhookConfigInput): string[] => {
  try {
    parseWebhookConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe("where a source's bodies go", () => {
  const routesOf = (sources: WebhookConfigInput["sources"], rest: Partial<WebhookConfigInput> = {}) => bodyRoutes(parseWebhookConfig({ sources, ...rest }));

  it("stores every body API Gateway accepts by default, and keeps bodies inline where a source asks for no more than a message holds", () => {
    const inline = inlineBodyLimit(largestMessageFitting(10));
    expect(routesOf({ repo: { verification: { scheme: "github" } }, small: { verification: { scheme: "github" }, maxBodyBytes: inline } })).toEqual({
      repo: { stored: true, maxBodyBytes: API_GATEWAY_MAX_BODY_BYTES },
      small: { stored: false, maxBodyBytes: inline },
    });
  });

  it("keeps inline, by default, a sender that signs the URL's query (Twilio) and one whose every request goes through the handshake function", () => {
    const routes = routesOf({ sms: { verification: { scheme: "twilio" } }, events: { schema: "json", verification: { scheme: "slack" }, handshake: true } });
    expect(Object.values(routes).map((route) => route.stored)).toEqual([false, false]);
  });

  it("follows the batch: fewer messages an execution, larger inline bodies", () => {
    const limit = (batchSize: number) => routesOf({ sms: { verification: { scheme: "twilio" } } }, { pipe: { batchSize } }).sms.maxBodyBytes;
    expect(limit(1)).toBeGreaterThan(limit(4));
    expect(limit(4)).toBeGreaterThan(limit(10));
    expect(limit(1)).toBe(inlineBodyLimit(largestMessageFitting(1)));
  });

  it("refuses a largest body a route cannot keep, saying what it can", () => {
    const inline = inlineBodyLimit(largestMessageFitting(10));
    expect(
      problems({
        sources: {
          partial: { verification: { scheme: "github" }, maxBodyBytes: 1_000_000 },
          sms: { verification: { scheme: "twilio" }, maxBodyBytes: inline + 1 },
        },
      }),
    ).toEqual([
      `sources.partial.maxBodyBytes: 1000000 bytes is above the ${inline} a queue message holds, so bodies are stored, and a stored route takes every body API Gateway does: ${API_GATEWAY_MAX_BODY_BYTES} (the default), or at most ${inline} to keep bodies inline`,
      `sources.sms.maxBodyBytes: ${inline + 1} bytes is above the ${inline} a queue message holds, and the twilio scheme signs the URL's query string, which a stored route does not keep: at most ${inline} (or raise queue.maxMessageSizeBytes, lowering pipe.batchSize)`,
    ]);
  });

  it("takes no more than API Gateway does", () => {
    expect(problems({ sources: { huge: { verification: { scheme: "github" }, maxBodyBytes: API_GATEWAY_MAX_BODY_BYTES + 1 } } })).toEqual([
      expect.stringMatching(new RegExp(`^sources\\.huge\\.maxBodyBytes: Number must be less than or equal to ${API_GATEWAY_MAX_BODY_BYTES}`)),
    ]);
  });

  it("needs a queue message that holds S3's notification when a source is stored", () => {
    expect(problems({ sources: { repo: { verification: { scheme: "github" } } }, queue: { maxMessageSizeBytes: S3_NOTIFICATION_BYTES - 1 } })).toEqual([
      `queue.maxMessageSizeBytes: ${S3_NOTIFICATION_BYTES - 1} bytes cannot hold S3's notification of a stored delivery: at least ${S3_NOTIFICATION_BYTES}`,
    ]);
    expect(problems({ sources: { sms: { verification: { scheme: "twilio" } } }, queue: { maxMessageSizeBytes: S3_NOTIFICATION_BYTES - 1 }, pipe: { batchSize: 1 } })).toEqual([]);
  });

  it("keeps an inline route's largest body within a queue message, envelope and the sender's headers included", () => {
    for (const scheme of ["twilio", "github", "stripe", "standard-webhooks"]) {
      for (const maxMessageSizeBytes of [S3_NOTIFICATION_BYTES, largestMessageFitting(10), largestMessageFitting(1)]) {
        const settings = { verification: schemeOf({ scheme } as never).settings.parse({ scheme }), deliveryIdHeader: "x-delivery" };
        const route = bodyRouteOf({ ...settings, maxBodyBytes: 1 }, maxMessageSizeBytes);
        const headers = Object.fromEntries(forwardedHeaders(settings).map((name) => [name, "v1,".repeat(40)]));
        const envelope = buildEnvelope(
          { source: "a-source-named-at-length", headers: forwardedHeaders(settings), deliveryIdHeader: "x-delivery" },
          {
            requestId: "c0ffee00-0000-4000-8000-000000000000",
            receivedAt: Date.now(),
            sourceIp: "2001:db8::1",
            domainName: "abcdef1234.execute-api.eu-central-1.amazonaws.com",
            path: "/v1/webhooks/a-source-named-at-length",
            query: {},
            headers: { ...headers, "content-type": "application/x-www-form-urlencoded; charset=utf-8", "x-delivery": "d".repeat(64) },
            body: Buffer.alloc(route.maxBodyBytes, 1),
          },
        );
        expect(Buffer.byteLength(JSON.stringify(envelope))).toBeLessThanOrEqual(maxMessageSizeBytes);
      }
    }
  });
});
