import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ClaimLostError, commitClaims, replayClaims } from "../../../handlers/lib/replay-claims";
import { localDynamoDb } from "../../../local/dynamodb";

/** The claims' conditional writes, against dynalite: DynamoDB's condition semantics, locally. */
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

const AT = 1_764_000_000_000;
const replayOf = (deliveryId: string, receivedAt: number) => ({ outcome: "replay", holder: { deliveryId, receivedAt } });

describe("replay claims in DynamoDB", () => {
  it("goes to the first delivery id to claim the content, lets it claim again, and calls any later one a replay, naming the holder", async () => {
    const claim = replayClaims(client, TABLE, 3_600);
    expect(await claim({ key: "replay#github#aa", deliveryId: "d-1", receivedAt: AT })).toEqual({ outcome: "claimed" });
    expect(await claim({ key: "replay#github#aa", deliveryId: "d-1", receivedAt: AT })).toEqual({ outcome: "claimed" });
    expect(await claim({ key: "replay#github#aa", deliveryId: "d-2", receivedAt: AT + 5 })).toEqual(replayOf("d-1", AT));
    expect(await claim({ key: "replay#github#bb", deliveryId: "d-2", receivedAt: AT + 5 })).toEqual({ outcome: "claimed" });
  });

  it("orders claims by arrival: an earlier-received copy takes the claim over from a later holder that has not committed", async () => {
    const claim = replayClaims(client, TABLE, 3_600);
    const commit = commitClaims(client, TABLE);
    expect(await claim({ key: "replay#github#ee", deliveryId: "later", receivedAt: AT + 1_000 })).toEqual({ outcome: "claimed" });
    expect(await claim({ key: "replay#github#ee", deliveryId: "earlier", receivedAt: AT })).toEqual({ outcome: "claimed" });
    // The later copy comes to commit and finds its claim lost; retried, it is a replay of the earlier.
    await expect(commit("replay#github#ee", "later")).rejects.toBeInstanceOf(ClaimLostError);
    expect(await claim({ key: "replay#github#ee", deliveryId: "later", receivedAt: AT + 1_000 })).toEqual(replayOf("earlier", AT));
    await commit("replay#github#ee", "earlier");
    await commit("replay#github#ee", "earlier");
  });

  it("keeps a committed claim: an earlier-received copy arriving after its holder committed is a replay", async () => {
    const claim = replayClaims(client, TABLE, 3_600);
    expect(await claim({ key: "replay#github#ff", deliveryId: "later", receivedAt: AT + 1_000 })).toEqual({ outcome: "claimed" });
    await commitClaims(client, TABLE)("replay#github#ff", "later");
    expect(await claim({ key: "replay#github#ff", deliveryId: "earlier", receivedAt: AT })).toEqual(replayOf("later", AT + 1_000));
    // The holder's own retries keep its commit.
    expect(await claim({ key: "replay#github#ff", deliveryId: "later", receivedAt: AT + 1_000 })).toEqual({ outcome: "claimed" });
    expect(await claim({ key: "replay#github#ff", deliveryId: "earlier", receivedAt: AT })).toEqual(replayOf("later", AT + 1_000));
  });

  it("never lets a copy received later, or at the same moment, take a claim over", async () => {
    const claim = replayClaims(client, TABLE, 3_600);
    expect(await claim({ key: "replay#github#gg", deliveryId: "first", receivedAt: AT })).toEqual({ outcome: "claimed" });
    expect(await claim({ key: "replay#github#gg", deliveryId: "same-moment", receivedAt: AT })).toEqual(replayOf("first", AT));
    expect(await claim({ key: "replay#github#gg", deliveryId: "later", receivedAt: AT + 1 })).toEqual(replayOf("first", AT));
  });

  it("lets a claim lapse after its window, whether or not TTL has removed it yet", async () => {
    let now = AT;
    const claim = replayClaims(client, TABLE, 60, () => now);
    expect(await claim({ key: "replay#github#cc", deliveryId: "d-1", receivedAt: AT })).toEqual({ outcome: "claimed" });
    now += 59_000;
    expect(await claim({ key: "replay#github#cc", deliveryId: "d-2", receivedAt: now })).toEqual(replayOf("d-1", AT));
    now += 2_000;
    expect(await claim({ key: "replay#github#cc", deliveryId: "d-2", receivedAt: now })).toEqual({ outcome: "claimed" });
  });

  it("fails, rather than answers, when DynamoDB does", async () => {
    await expect(replayClaims(client, "no-such-table", 60)({ key: "replay#x#dd", deliveryId: "d", receivedAt: AT })).rejects.toThrow();
    await expect(commitClaims(client, "no-such-table")("replay#x#dd", "d")).rejects.not.toBeInstanceOf(ClaimLostError);
  });
});
