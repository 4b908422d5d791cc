import fc from "fast-check";
import { ENVELOPE_FIELDS, parseEnvelope, rawBody } from "../../delivery/envelope";
import { SEND_MESSAGE_FAILED_TEMPLATE, SEND_MESSAGE_RESPONSE_TEMPLATE, sendMessageRefusedTemplate, sendMessageTemplate } from "../../stacks/sqs-mapping-template";
import { javaEscapeJavaScript, renderRequestTemplate, renderResponseTemplate, type ApiRequest } from "../../local/api-gateway-vtl";
import { readSendMessageForm } from "../support/deliveries";

const template = sendMessageTemplate({ source: "users", headers: ["x-signature", "authorization"], deliveryIdHeader: "X-Delivery-Id" });

/**
 * What SQS would store as the message body for this request, whose body is `bytes` (@default its
 * `body` as UTF-8). API Gateway hands the template a binary body converted to text, base64 of its
 * bytes (every media type is binary to the API, contentHandling CONVERT_TO_TEXT), and so does this.
 */
function queuedEnvelope(request: ApiRequest, bytes: Buffer = Buffer.from(request.body)) {
  const form = readSendMessageForm(renderRequestTemplate(template, { ...request, body: bytes.toString("base64") }));
  expect(form.Action).toBe("SendMessage");
  return parseEnvelope(form.MessageBody);
}

/** Any character, weighted towards the ones JSON, VTL, forms or Java escaping treat specially. */
const headerCharacter = fc.oneof(
  fc.constantFrom("'", '"', "\\", "/", "+", "&", "=", "%", "$", "#", "\n", "\u0000", "\u2028", "é", "😀"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);

const TRICKY_VALUES = [
  `it's "quoted"`,
  "back\\slash and \\' and \\\\'",
  "ünïcødé, 日本語, emoji 😀",
  "control \u0001\u0007\b\t\n\f\r\u001f chars",
  "slash / and <script>",
  "form + & = % chars",
  "$context.requestId #set($x = 1) ${velocity}",
  "",
];

describe("the SendMessage mapping template", () => {
  it("is one line, so no whitespace leaks into the form body", () => {
    expect(template).not.toMatch(/\n/);
  });

  it("builds an envelope with every field, in the envelope module's order", () => {
    const form = readSendMessageForm(renderRequestTemplate(template, { body: "{}", headers: { "Content-Type": "application/json" } }));
    expect(Object.keys(JSON.parse(form.MessageBody))).toEqual(ENVELOPE_FIELDS);
  });

  it("carries request metadata from $context", () => {
    const envelope = queuedEnvelope({
      body: '{"a":1}',
      headers: { "content-type": "application/json; charset=utf-8" },
      requestId: "req-1",
      requestTimeEpoch: 1_700_000_000_123,
      sourceIp: "198.51.100.9",
      domainName: "hooks.example.com",
      path: "/v1/webhooks/users",
    });
    expect(envelope).toMatchObject({
      v: 1,
      source: "users",
      deliveryId: "req-1",
      receivedAt: 1_700_000_000_123,
      requestId: "req-1",
      sourceIp: "198.51.100.9",
      url: "https://hooks.example.com/v1/webhooks/users",
      contentType: "application/json; charset=utf-8",
      headers: { "x-signature": "", authorization: "" },
    });
  });

  it.each(TRICKY_VALUES)("forwards the header value %j exactly, as valid JSON", (value) => {
    const envelope = queuedEnvelope({ body: "{}", headers: { "X-Signature": value, "X-Delivery-Id": value } });
    expect(envelope.headers["x-signature"]).toBe(value);
    expect(envelope.deliveryId).toBe(value === "" ? "c0ffee00-0000-4000-8000-000000000001" : value);
  });

  it("finds headers whatever their case, and forwards only the ones the source needs", () => {
    const envelope = queuedEnvelope({
      body: "{}",
      headers: { "x-SIGNATURE": "sha256=ab", AUTHORIZATION: "Basic eA==", "X-Delivery-ID": "d-1", Cookie: "session=secret" },
    });
    expect(envelope.headers).toEqual({ "x-signature": "sha256=ab", authorization: "Basic eA==" });
    expect(envelope.deliveryId).toBe("d-1");
  });

  const raw = (bytes: Buffer, contentType = "application/json") => rawBody(queuedEnvelope({ body: "", headers: { "Content-Type": contentType } }, bytes));

  it("gives the handler back the exact bytes of any body, whether or not they are UTF-8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(raw(Buffer.from(bytes)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["bytes that are not UTF-8 inside a JSON string", Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])],
    ["a byte order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])],
    ["NUL bytes", Buffer.from('{"a":"\u0000"}\u0000\u0000')],
    ["a form with Latin-1 bytes", Buffer.from([0x74, 0x65, 0x78, 0x74, 0x3d, 0xe9, 0x74, 0xe9])],
  ])("carries %s exactly, for JSON and form senders alike", (_what, bytes) => {
    expect(raw(bytes).equals(bytes)).toBe(true);
    expect(raw(bytes, "application/x-www-form-urlencoded").equals(bytes)).toBe(true);
  });

  it("round-trips any header value, control characters and astral symbols included", () => {
    fc.assert(
      fc.property(fc.string({ unit: headerCharacter, maxLength: 60 }), (value) => {
        expect(queuedEnvelope({ body: "{}", headers: { "X-Signature": value } }).headers["x-signature"]).toBe(value);
      }),
      { numRuns: 300 },
    );
  });

  it("would break without the replaceAll fix: escapeJavaScript alone writes \\' , which is not JSON", () => {
    expect(() => JSON.parse(`"${javaEscapeJavaScript("it's")}"`)).toThrow();
    expect(queuedEnvelope({ body: "{}", headers: { "x-signature": "it's" } }).headers["x-signature"]).toBe("it's");
  });

  it("falls back to the request id when the source has no delivery id header", () => {
    const plain = sendMessageTemplate({ source: "users", headers: ["x-signature"] });
    const form = readSendMessageForm(renderRequestTemplate(plain, { body: "{}", headers: { "X-Delivery-Id": "ignored" }, requestId: "r-9" }));
    expect(parseEnvelope(form.MessageBody).deliveryId).toBe("r-9");
  });

  it("rebuilds the URL with its query string, encoded the way Java's URLEncoder does", () => {
    const url = (query: Record<string, string>) => queuedEnvelope({ body: "{}", headers: {}, domainName: "hooks.example.com", path: "/v1/webhooks/users", query }).url;
    expect(url({})).toBe("https://hooks.example.com/v1/webhooks/users");
    expect(url({ bodySHA256: "0a1f" })).toBe("https://hooks.example.com/v1/webhooks/users?bodySHA256=0a1f");
    expect(url({ foo: "1", bar: "a b&c" })).toBe("https://hooks.example.com/v1/webhooks/users?foo=1&bar=a+b%26c");
  });

  it("uses the custom domain's URL when given one, query string included", () => {
    const custom = sendMessageTemplate({ source: "twilio", headers: [], publicUrl: "https://hooks.example.com/in/webhooks/twilio" });
    const form = readSendMessageForm(renderRequestTemplate(custom, { body: "{}", headers: {}, query: { bodySHA256: "ab" } }));
    expect(parseEnvelope(form.MessageBody).url).toBe("https://hooks.example.com/in/webhooks/twilio?bodySHA256=ab");
    expect(() => sendMessageTemplate({ source: "x", headers: [], publicUrl: 'https://a.example.com/"$x' })).toThrow(/not a plain URL/);
  });
});

describe("the SendMessage response templates", () => {
  const REQUEST_ID = "r-1";
  const render = (template: string, body: string) => {
    const { body: out, status } = renderResponseTemplate(template, body, REQUEST_ID);
    return { json: JSON.parse(out), status };
  };

  it("answers the SQS message id, from the query API's JSON shape and from the JSON protocol's", () => {
    const query = JSON.stringify({ SendMessageResponse: { SendMessageResult: { MessageId: "m-1", MD5OfMessageBody: "x" }, ResponseMetadata: { RequestId: "s" } } });
    expect(render(SEND_MESSAGE_RESPONSE_TEMPLATE, query)).toEqual({ json: { messageId: "m-1", requestId: REQUEST_ID }, status: undefined });
    expect(render(SEND_MESSAGE_RESPONSE_TEMPLATE, JSON.stringify({ MessageId: "m-2" })).json.messageId).toBe("m-2");
  });

  // SQS words its refusal of a message above the queue's maximum size "One or more parameters are
  // invalid. Reason: Message must be shorter than <n> bytes.", in JSON or XML.
  it.each([
    JSON.stringify({ Error: { Code: "InvalidParameterValue", Message: "One or more parameters are invalid. Reason: Message must be shorter than 230400 bytes.", Type: "Sender" } }),
    "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.</Message></Error></ErrorResponse>",
  ])("answers 413, not a retry, when SQS refuses the message as too large, naming the route's limit: %s", (body) => {
    expect(render(sendMessageRefusedTemplate(8294), body)).toEqual({
      json: { message: "The delivery is larger than the 8294 bytes this endpoint accepts", maxBodyBytes: 8294, requestId: REQUEST_ID },
      status: 413,
    });
  });

  it("answers any other refusal as a fault to retry, keeping the mapped 500", () => {
    const denied = JSON.stringify({ Error: { Code: "AccessDenied", Message: "Access to the resource is denied.", Type: "Sender" } });
    expect(render(sendMessageRefusedTemplate(8294), denied)).toEqual({ json: JSON.parse(renderResponseTemplate(SEND_MESSAGE_FAILED_TEMPLATE, "", REQUEST_ID).body), status: undefined });
    expect(render(sendMessageRefusedTemplate(8294), "").status).toBeUndefined();
  });
});

