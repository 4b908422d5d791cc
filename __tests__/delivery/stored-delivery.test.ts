import { Testing } from "cdktf";
import fc from "fast-check";
import { buildEnvelope, ENVELOPE_VERSION } from "../../delivery/envelope";
import { forwardedHeaders } from "../../delivery/source-settings";
import { queuedMessageKind, storedEnvelope } from "../../delivery/stored-delivery";
import { LocalRestApi } from "../../local/rest-api";
import { objectCreatedNotification } from "../../local/s3";
import { describeRestApi } from "../../local/synthesized-stack";
import { sourcesOfStack } from "../../local/sender";
import { WebhookStack } from "../../stacks/webhook-stack";

/**
 * A stored route's contract: what its S3 integration, as synthesized, writes into the object's
 * metadata is read back by `storedEnvelope` into the very envelope an inline route's template
 * writes for the same request (`buildEnvelope` is held to the template in build-envelope.test.ts).
 */
const withDomain = (customDomain: boolean) => {
  const stack = new WebhookStack(Testing.app(), "contract", {
    sources: { acme: { verification: { scheme: "standard-webhooks" } } },
    ...(customDomain ? { api: { customDomain: { domainName: "hooks.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", basePath: "in" } } } : {}),
  });
  const json = JSON.parse(Testing.synth(stack));
  return { dir: ".", json };
};

const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s) && s.trim() !== "");

describe.each([false, true])("a stored route (custom domain: %s)", (customDomain) => {
  const synthesized = withDomain(customDomain);
  const settings = sourcesOfStack(synthesized).acme;
  let written: { path: string; body: Buffer; headers: Record<string, string> } | undefined;
  const api = new LocalRestApi(describeRestApi(synthesized), () => ({ status: 500, body: "" }), (path, body, headers) => ((written = { path, body, headers: { ...headers } }), { status: 200, body: "" }));

  it("writes what reads back as the envelope an inline route would queue", () => {
    fc.assert(
      fc.property(text, text, text, fc.uint8Array({ maxLength: 256 }), fc.option(text), (id, timestamp, signature, bytes, other) => {
        const headers: Record<string, string> = { "Webhook-Id": id, "webhook-timestamp": timestamp, "WEBHOOK-SIGNATURE": signature, // Not JSON, so the model does not judge the random bytes: a stored route takes any content type.
          "content-type": "application/octet-stream",
          host: "abc.execute-api.us-east-1.amazonaws.com" };
        if (other !== null) headers["x-unrelated"] = other;
        const body = Buffer.from(bytes);
        const { response } = api.handle({ method: "POST", url: "/v1/webhooks/acme", rawHeaders: Object.entries(headers).flat(), body, sourceIp: "198.51.100.4" });
        expect(response.status).toBe(200);
        const { requestId, stored } = JSON.parse(response.body);
        expect(stored).toBe(true);
        expect(written!.path).toMatch(new RegExp(`/acme/${requestId}$`));
        expect(written!.body.equals(body)).toBe(true);
        const metadata = Object.fromEntries(Object.entries(written!.headers).filter(([n]) => n.startsWith("x-amz-meta-")).map(([n, v]) => [n.slice(11), v]));
        const object = { body, contentType: written!.headers["content-type"], metadata };
        const ref = { bucket: "b", key: `acme/${requestId}`, size: body.length, eTag: "e" };
        const read = storedEnvelope(ref, object, forwardedHeaders(settings));
        const route = { source: "acme", headers: forwardedHeaders(settings), deliveryIdHeader: settings.deliveryIdHeader, ...(customDomain ? { publicUrl: "https://hooks.example.com/in/webhooks/acme" } : {}) };
        const inline = buildEnvelope(route, {
          requestId,
          receivedAt: Number(metadata["received-at"]),
          sourceIp: "198.51.100.4",
          domainName: "abc.execute-api.us-east-1.amazonaws.com",
          path: "/v1/webhooks/acme",
          query: {},
          headers,
          body,
        });
        expect({ ...read, body: body.toString("base64") }).toEqual(inline);
      }),
      { numRuns: 60 },
    );
  });
});

describe("queued messages", () => {
  const stored = { body: Buffer.from("{}"), contentType: "application/json", metadata: {}, eTag: '"99914b932bd37a50b983c5e7c90ae93b"' };

  it("tells an envelope, a stored delivery's notification and S3's test apart", () => {
    expect(queuedMessageKind(JSON.stringify({ v: ENVELOPE_VERSION, source: "acme" }))).toEqual({ kind: "inline" });
    expect(queuedMessageKind(objectCreatedNotification("bucket-1", "acme/a b+c", stored, "eu-west-1"))).toEqual({
      kind: "stored",
      ref: { bucket: "bucket-1", key: "acme/a b+c", size: 2, eTag: "99914b932bd37a50b983c5e7c90ae93b" },
    });
    expect(queuedMessageKind(JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent" }))).toEqual({ kind: "s3-test" });
  });

  it("refuses a stored delivery's object without its request id, or a key naming no source", () => {
    const ref = { bucket: "b", key: "acme/r", size: 2, eTag: "e" };
    expect(() => storedEnvelope(ref, stored, [])).toThrow(/without its request id and time/);
    expect(() => storedEnvelope({ ...ref, key: "r" }, { ...stored, metadata: { "request-id": "r", "received-at": "1" } }, [])).toThrow(/names no source/);
  });
});
