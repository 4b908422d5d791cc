import { LocalRestApi, type HttpRequest, type RestApiDescription } from "../../local/api-gateway";

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

  it("throttles with the stage's token bucket: the burst, then 429 until it refills", () => {
    const { local } = api({ throttle: { rateLimit: 1, burstLimit: 3 } });
    const statuses = Array.from({ length: 5 }, () => local.handle(post('{"name":"Ann"}')).response.status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
