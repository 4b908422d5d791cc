import { LocalRestApi, type HttpRequest, type RestApiDescription } from "../../local/rest-api";

/** A REST API as the synthesized stack describes one, with an integration that records what it is sent. */
function api(overrides: Partial<RestApiDescription> = {}, sqsStatus = 200) {
  const sent: string[] = [];
  const description: RestApiDescription = {
    stageName: "v1",
    routes: [
      {
        path: "/webhooks/users",
        httpMethod: "POST",
        models: { "application/json": { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
        validateBody: true,
        requestTemplates: { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" },
        passthroughBehavior: "NEVER",
        queueName: "q",
        integrationResponses: [
          { statusCode: "200", selectionPattern: "2\\d{2}", template: `{"id":"$input.path('$.SendMessageResponse.SendMessageResult.MessageId')"}` },
          { statusCode: "500", selectionPattern: "4\\d{2}", template: `{"message":"refused"}` },
        ],
      },
    ],
    gatewayResponses: { BAD_REQUEST_BODY: { statusCode: "400", template: `{"errors":"$context.error.validationErrorString"}` } },
    ...overrides,
  };
  const local = new LocalRestApi(description, (_queue, form) => {
    sent.push(form);
    return { status: sqsStatus, body: JSON.stringify({ SendMessageResponse: { SendMessageResult: { MessageId: "m-1" } } }) };
  });
  return { local, sent };
}

const post = (body: string, headers: string[] = ["Content-Type", "application/json"], url = "/v1/webhooks/users"): HttpRequest => ({
  method: "POST",
  url,
  rawHeaders: headers,
  body: Buffer.from(body),
  sourceIp: "127.0.0.1",
});

describe("the twin's REST API", () => {
  it("renders the route's template for the content type and answers with the selected integration response", () => {
    const { local, sent } = api();
    const { response, outcome } = local.handle(post('{"name":"Ann"}'));
    expect([response.status, JSON.parse(response.body)]).toEqual([200, { id: "m-1" }]);
    expect(outcome).toMatchObject({ route: "/webhooks/users", messageId: "m-1" });
    expect(sent).toEqual([`Action=SendMessage&MessageBody=${encodeURIComponent('{"name":"Ann"}')}`]);
  });

  it("takes a body without Content-Type as JSON, and ignores a charset when choosing the template", () => {
    const { local, sent } = api();
    expect(local.handle(post('{"name":"A"}', [])).response.status).toBe(200);
    expect(local.handle(post('{"name":"B"}', ["content-type", "Application/JSON; charset=utf-8"])).response.status).toBe(200);
    expect(sent).toHaveLength(2);
  });

  it("answers 403 Missing Authentication Token for an unknown path, stage or method, as REST APIs do", () => {
    const { local } = api();
    for (const request of [post("{}", undefined, "/v1/webhooks/nobody"), post("{}", undefined, "/v2/webhooks/users"), { ...post("{}"), method: "GET" }]) {
      const { response } = local.handle(request);
      expect([response.status, JSON.parse(response.body)]).toEqual([403, { message: "Missing Authentication Token" }]);
    }
  });

  it("validates the body against the model before the template runs, reporting every finding", () => {
    const { local, sent } = api();
    const { response } = local.handle(post('{"name":7,"extra":true}'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).errors).toBe("[/name: must be string]");
    expect(local.handle(post("{not json")).response.status).toBe(400);
    expect(sent).toEqual([]);
  });

  it("refuses a content type without a template with 415, and a body over 10 MiB with 413", () => {
    const { local } = api();
    expect(local.handle(post("name=Ann", ["Content-Type", "application/x-www-form-urlencoded"])).response.status).toBe(415);
    expect(local.handle(post("x".repeat(10 * 1024 * 1024 + 1))).response.status).toBe(413);
  });

  it("maps an SQS 4xx through the selection patterns", () => {
    const { local } = api({}, 403);
    const { response, outcome } = local.handle(post('{"name":"Ann"}'));
    expect([response.status, response.body]).toEqual([500, '{"message":"refused"}']);
    expect(outcome.messageId).toBeUndefined();
  });

  it("throttles each method with its own token bucket: a flood on one leaves another's untouched", () => {
    const [users] = api().local.description.routes;
    const throttle = { rateLimit: 1, burstLimit: 3 };
    const { local } = api({ routes: [{ ...users, throttle }, { ...users, path: "/webhooks/github", throttle }] });
    const statuses = Array.from({ length: 5 }, () => local.handle(post('{"name":"Ann"}')).response.status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(local.handle(post('{"name":"Ann"}', undefined, "/v1/webhooks/github")).response.status).toBe(200);
  });

  it("answers 400 for a required header that is missing or blank, before the body is looked at", () => {
    const [users] = api().local.description.routes;
    const { local, sent } = api({
      routes: [{ ...users, validateParameters: true, requiredHeaders: ["x-hub-signature-256"] }],
      gatewayResponses: { BAD_REQUEST_PARAMETERS: { statusCode: "400", template: `{"message":$context.error.messageString}` } },
    });
    for (const headers of [["Content-Type", "application/json"], ["X-Hub-Signature-256", " ", "Content-Type", "application/json"]]) {
      const { response } = local.handle(post("{not even json", headers));
      expect([response.status, JSON.parse(response.body)]).toEqual([400, { message: "Missing required request parameters: [x-hub-signature-256]" }]);
    }
    expect(local.handle(post('{"name":"Ann"}', ["x-hub-signature-256", "sha256=ab", "Content-Type", "application/json"])).response.status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  describe("content type conversions", () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const binaryApi = (contentHandling?: string) => {
      const [users] = api().local.description.routes;
      return api({ binaryMediaTypes: ["*/*"], routes: [{ ...users, validateBody: false, contentHandling }] });
    };
    const request = (body: Buffer, accept = "*/*"): HttpRequest => ({ ...post(""), body, rawHeaders: ["Content-Type", "application/json", "Accept", accept] });

    it("hands the template base64 of the exact bytes when the body is binary and converted to text", () => {
      const { local, sent } = binaryApi("CONVERT_TO_TEXT");
      expect(local.handle(request(bytes)).response.status).toBe(200);
      expect(new URLSearchParams(sent[0]).get("MessageBody")).toBe(bytes.toString("base64"));
    });

    it("hands it text decoded as UTF-8, the bytes that are not replaced, when the body is text", () => {
      const { local, sent } = api();
      local.handle(request(bytes));
      expect(new URLSearchParams(sent[0]).get("MessageBody")).toBe('{"name":"\uFFFD\uFFFD\uFFFD"}');
    });

    it("refuses a binary body it would have to pass on unconverted", () => {
      expect(binaryApi().local.handle(request(bytes)).response.status).toBe(500);
    });

    it("base64-decodes a text response for a binary Accept unless the integration response converts it to text", () => {
      const { local } = binaryApi("CONVERT_TO_TEXT");
      const garbled = local.handle(request(Buffer.from('{"name":"Ann"}'))).response.body;
      expect(garbled).not.toBe('{"id":"m-1"}');
      const [users] = local.description.routes;
      const converted = api({
        binaryMediaTypes: ["*/*"],
        routes: [{ ...users, integrationResponses: users.integrationResponses.map((r) => ({ ...r, contentHandling: "CONVERT_TO_TEXT" })) }],
      });
      expect(converted.local.handle(request(Buffer.from('{"name":"Ann"}'))).response.body).toBe('{"id":"m-1"}');
      expect(converted.local.handle(request(Buffer.from('{"name":"Ann"}'), "application/json")).response.body).toBe('{"id":"m-1"}');
    });
  });
});
