import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";

/** A table as its synthesized `aws_dynamodb_table` resource describes it. */
export interface TableResource {
  readonly name: string;
  readonly hash_key: string;
  readonly range_key?: string;
  readonly attribute: readonly { readonly name: string; readonly type: string }[];
}

/** dynalite, a DynamoDB implementation, in memory, on a localhost port, with the given tables created. */
export async function localDynamoDb(tables: readonly TableResource[]): Promise<{ url: string; close(): Promise<void> }> {
  // Loaded only when a twin or test needs a table.
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  for (const table of tables) {
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        KeySchema: [{ AttributeName: table.hash_key, KeyType: "HASH" }, ...(table.range_key ? [{ AttributeName: table.range_key, KeyType: "RANGE" as const }] : [])],
        AttributeDefinitions: table.attribute.map((a) => ({ AttributeName: a.name, AttributeType: a.type as "S" })),
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  client.destroy();
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
