import fc from "fast-check";
import { buildEnvelope, parseEnvelope, type EnvelopeRoute, type ReceivedRequest } from "../../delivery/envelope";
import { renderRequestTemplate } from "../../local/api-gateway-vtl";
import { sendMessageTemplate } from "../../stacks/sqs-mapping-template";
import { readSendMessageForm } from "../support/deliveries";

/** The envelope the route's real mapping template writes for a request, rendered by the VTL engine. */
function templateEnvelope(route: EnvelopeRoute, request: ReceivedRequest) {
  const form = renderRequestTemplate(sendMessageTemplate(route), {
    body: request.body.toString("base64"),
    headers: { ...request.headers },
    requestId: request.requestId,
    requestTimeEpoch: request.receivedAt,
    sourceIp: request.sourceIp,
    domainName: request.domainName,
    path: request.path,
    query: { ...request.query },
  });
  return parseEnvelope(readSendMessageForm(form).MessageBody);
}

const FORWARDED = ["X-Signature", "x-timestamp", "X-Delivery-Id"];
const headerName = fc.constantFrom(...FORWARDED, "Content-Type", "User-Agent", "X-Other").chain((name) =>
  fc.boolean().map((upper) => (upper ? name.toUpperCase() : name.toLowerCase())),
);
const text = fc.string({ maxLength: 40, unit: "grapheme" }).filter((s) => !/[\r\n]/.test(s));

const request: fc.Arbitrary<ReceivedRequest> = fc.record({
  requestId: fc.uuid(),
  receivedAt: fc.integer({ min: 1_500_000_000_000, max: 2_500_000_000_000 }),
  sourceIp: fc.ipV4(),
  domainName: fc.constantFrom("abc123.execute-api.us-east-1.amazonaws.com", "hooks.example.com"),
  path: fc.constantFrom("/v1/webhooks/acme", "/in/v1/webhooks/acme"),
  query: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.~-]{0,10}$/), text, { maxKeys: 3 }),
  headers: fc.dictionary(headerName, text, { maxKeys: 6 }),
  body: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
});

const route: fc.Arbitrary<EnvelopeRoute> = fc.record(
  {
    source: fc.constant("acme"),
    headers: fc.subarray(FORWARDED),
    deliveryIdHeader: fc.constantFrom("X-Delivery-Id", "x-delivery-id"),
    publicUrl: fc.constant("https://hooks.example.com/in/webhooks/acme"),
  },
  { requiredKeys: ["source", "headers"] },
);

describe("buildEnvelope", () => {
  it("writes, for any request and route, the envelope the route's mapping template writes", () => {
    fc.assert(
      fc.property(route, request, (r, q) => {
        expect(buildEnvelope(r, q)).toEqual(templateEnvelope(r, q));
      }),
      { numRuns: 300 },
    );
  });

  it("takes the delivery id from its header, else the request id, and rebuilds the URL with its query", () => {
    const received: ReceivedRequest = {
      requestId: "req-1",
      receivedAt: 1_764_000_000_000,
      sourceIp: "203.0.113.9",
      domainName: "abc.execute-api.us-east-1.amazonaws.com",
      path: "/v1/webhooks/acme",
      query: { bodySHA256: "ab", "a b": "c&d" },
      headers: { "X-Delivery-Id": "d-1", "Content-Type": "application/json" },
      body: Buffer.from("{}"),
    };
    expect(buildEnvelope({ source: "acme", headers: ["x-signature"], deliveryIdHeader: "x-delivery-id" }, received)).toMatchObject({
      deliveryId: "d-1",
      url: "https://abc.execute-api.us-east-1.amazonaws.com/v1/webhooks/acme?bodySHA256=ab&a+b=c%26d",
      contentType: "application/json",
      headers: { "x-signature": "" },
      body: "e30=",
    });
    expect(buildEnvelope({ source: "acme", headers: [] }, { ...received, headers: {} }).deliveryId).toBe("req-1");
  });
});
