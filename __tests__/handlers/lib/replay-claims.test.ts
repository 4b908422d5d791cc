import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { replayClaims } from "../../../handlers/lib/replay-claims";
import { localDynamoDb } from "../../../local/dynamodb";

/** The claims' one conditional write, against dynalite: DynamoDB's condition semantics, locally. */
const TABLE = "webhooks-test-idempotency";
let dynamoDb: Awaited<ReturnType<typeof localDynamoDb>>;
let client: DynamoDBClient;
beforeAll(async () => {
  dynamoDb = await localDynamoDb([{ name: TABLE, hash_key: "id", attribute: [{ name: "id", type: "S" }] }]);
  client = new DynamoDBClient({ endpoint: dynamoDb.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
});
afterAll(async () => {
  client.destroy();
  await dynamoDb.close();
});

describe("replay claims in DynamoDB", () => {
  it("goes to the first delivery id to claim the content, lets it claim again, and calls any other a replay", async () => {
    const claim = replayClaims(client, TABLE, 3_600);
    expect(await claim({ key: "replay#github#aa", deliveryId: "d-1" })).toBe("claimed");
    expect(await claim({ key: "replay#github#aa", deliveryId: "d-1" })).toBe("claimed");
    expect(await claim({ key: "replay#github#aa", deliveryId: "d-2" })).toBe("replay");
    expect(await claim({ key: "replay#github#bb", deliveryId: "d-2" })).toBe("claimed");
  });

  it("lets a claim lapse after its window, whether or not TTL has removed it yet", async () => {
    let now = 1_764_000_000_000;
    const claim = replayClaims(client, TABLE, 60, () => now);
    expect(await claim({ key: "replay#github#cc", deliveryId: "d-1" })).toBe("claimed");
    now += 59_000;
    expect(await claim({ key: "replay#github#cc", deliveryId: "d-2" })).toBe("replay");
    now += 2_000;
    expect(await claim({ key: "replay#github#cc", deliveryId: "d-2" })).toBe("claimed");
  });

  it("fails, rather than answers, when DynamoDB does", async () => {
    await expect(replayClaims(client, "no-such-table", 60)({ key: "replay#x#dd", deliveryId: "d" })).rejects.toThrow();
  });
});
