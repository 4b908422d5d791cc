import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";

/**
 * Stand-ins for AWS endpoints, speaking the services' real JSON protocols: only the network call is
 * faked, so the handlers and the SDK run unchanged, pointed here by `AWS_ENDPOINT_URL_<SERVICE>`.
 */
export interface FakeService {
  readonly url: string;
  /** `<X-Amz-Target> <first argument>` of every call, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

async function fakeJsonService(answer: (target: string, request: any) => Answer, describe: (request: any) => string): Promise<FakeService> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => {
      const target = String(request.headers["x-amz-target"]);
      const body = JSON.parse(text || "{}");
      calls.push(`${target} ${describe(body)}`);
      const { status, body: reply } = answer(target, body);
      response.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Secrets Manager's GetSecretValue; unknown ARNs get ResourceNotFoundException. */
export function fakeSecretsManager(secrets: Record<string, string>): Promise<FakeService> {
  return fakeJsonService(
    (target, { SecretId }) =>
      target === "secretsmanager.GetSecretValue" && SecretId in secrets
        ? { status: 200, body: { ARN: SecretId, Name: "secret", SecretString: secrets[SecretId], VersionId: "v1", VersionStages: ["AWSCURRENT"] } }
        : { status: 400, body: { __type: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." } },
    (request) => request.SecretId,
  );
}

/** An event EventBridge accepted. */
export interface PutEvent {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
}

/**
 * EventBridge's PutEvents. Entries for which `fails` says so are refused the way EventBridge does,
 * per entry (FailedEntryCount, ErrorCode), not as a failed call.
 */
export async function fakeEventBridge(fails: (entry: PutEvent) => boolean = () => false): Promise<FakeService & { events: PutEvent[] }> {
  const events: PutEvent[] = [];
  const service = await fakeJsonService(
    (_target, { Entries }: { Entries: PutEvent[] }) => {
      const results = Entries.map((entry) => {
        if (fails(entry)) return { ErrorCode: "InternalFailure", ErrorMessage: "injected by the test" };
        events.push(entry);
        return { EventId: `event-${events.length}` };
      });
      return { status: 200, body: { FailedEntryCount: results.filter((r) => "ErrorCode" in r).length, Entries: results } };
    },
    (request) => `${request.Entries?.length ?? 0} entries`,
  );
  return Object.assign(service, { events });
}

/**
 * dynalite, a DynamoDB implementation, in memory, with the given tables created. The tables are
 * described by their synthesized `aws_dynamodb_table` resources, so they match what is deployed.
 */
export async function localDynamoDb(tables: readonly { name: string; hash_key: string; attribute: { name: string; type: string }[] }[]): Promise<{ url: string; close(): Promise<void> }> {
  // dynalite ships no types.
  const dynalite = require("dynalite") as (options: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKIATEST", secretAccessKey: "test" } });
  for (const table of tables) {
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        KeySchema: [{ AttributeName: table.hash_key, KeyType: "HASH" }],
        AttributeDefinitions: table.attribute.map((a) => ({ AttributeName: a.name, AttributeType: a.type as "S" })),
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  client.destroy();
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
