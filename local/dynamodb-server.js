// dynalite in a process of its own, so DynamoDB calls do not compete with the twin for its thread.
// Started by dynamodb.ts with the tables to create; answers with its URL once they exist.
const { CreateTableCommand, DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const dynalite = require("dynalite");

process.once("message", async (tables) => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const client = new DynamoDBClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  for (const table of tables) {
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        KeySchema: [{ AttributeName: table.hash_key, KeyType: "HASH" }, ...(table.range_key ? [{ AttributeName: table.range_key, KeyType: "RANGE" }] : [])],
        AttributeDefinitions: table.attribute.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  client.destroy();
  process.send({ url });
});
// The twin going away takes this process with it.
process.on("disconnect", () => process.exit(0));
