import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { ClaimOutcome, SignedContentClaim } from "./validate-batch";

/**
 * The idempotency table's key and expiry attributes (Powertools' names), which claims share; the
 * holder's delivery id and edge receipt time; and when the holder committed to processing.
 */
export const CLAIM_ATTRIBUTES = { key: "id", expiresAt: "expiration", deliveryId: "deliveryId", receivedAt: "receivedAt", committedAt: "committedAt" } as const;

const isConditionFailure = (error: unknown) => (error as Error)?.name === "ConditionalCheckFailedException";

/**
 * Claims signed content in DynamoDB, ordered by arrival at the edge. One conditional write claims
 * the content when nobody holds it, when the claim has lapsed (TTL removes items late), or when its
 * holder was received later than this delivery and has not committed to processing yet: the earlier
 * delivery takes the claim over, and the later one, when it comes to commit, finds it lost. On a
 * condition failure a consistent read tells who holds it: this delivery itself (a retry, a redrive,
 * a release) is "claimed"; anyone else makes this one a replay. `windowSeconds` is how long a claim holds.
 */
export function replayClaims(client: DynamoDBClient, tableName: string, windowSeconds: number, now: () => number = Date.now) {
  const { key, expiresAt, deliveryId, receivedAt, committedAt } = CLAIM_ATTRIBUTES;
  const take = (claim: SignedContentClaim, seconds: number) =>
    client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { [key]: { S: claim.key } },
        UpdateExpression: "SET #deliveryId = :deliveryId, #receivedAt = :receivedAt, #expiresAt = :expiresAt REMOVE #committedAt",
        ConditionExpression:
          "attribute_not_exists(#key) OR #expiresAt < :now OR (attribute_not_exists(#committedAt) AND #receivedAt > :receivedAt AND #deliveryId <> :deliveryId)",
        ExpressionAttributeNames: { "#key": key, "#expiresAt": expiresAt, "#deliveryId": deliveryId, "#receivedAt": receivedAt, "#committedAt": committedAt },
        ExpressionAttributeValues: {
          ":deliveryId": { S: claim.deliveryId },
          ":receivedAt": { N: String(claim.receivedAt) },
          ":expiresAt": { N: String(seconds + windowSeconds) },
          ":now": { N: String(seconds) },
        },
      }),
    );
  return async (claim: SignedContentClaim): Promise<ClaimOutcome> => {
    // A second try covers a claim that lapsed between the write and the read.
    for (let attempt = 0; attempt < 2; attempt++) {
      const seconds = Math.floor(now() / 1000);
      try {
        await take(claim, seconds);
        return { outcome: "claimed" };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const { Item: item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { [key]: { S: claim.key } }, ConsistentRead: true }));
      const holder = item?.[deliveryId]?.S;
      if (holder === claim.deliveryId) return { outcome: "claimed" };
      if (holder !== undefined && Number(item?.[expiresAt]?.N) >= seconds) {
        return { outcome: "replay", holder: { deliveryId: holder, receivedAt: Number(item?.[receivedAt]?.N ?? 0) } };
      }
    }
    throw new Error("the claim kept changing while it was read");
  };
}

/** Raised by the process step for a delivery whose claim an earlier-received copy took over. */
export class ClaimLostError extends Error {
  constructor() {
    super("an earlier-received copy of this content holds its claim now; retried, it will be quarantined as a replay");
    this.name = "ClaimLostError";
  }
}

/**
 * Commits a delivery to processing: from then on no earlier copy can take its claim. Throws
 * ClaimLostError when the claim is no longer this delivery's. Committing again is harmless.
 */
export function commitClaims(client: DynamoDBClient, tableName: string, now: () => number = Date.now) {
  const { key, deliveryId, committedAt } = CLAIM_ATTRIBUTES;
  return async (claimKey: string, holder: string): Promise<void> => {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { [key]: { S: claimKey } },
          UpdateExpression: "SET #committedAt = if_not_exists(#committedAt, :now)",
          ConditionExpression: "#deliveryId = :deliveryId",
          ExpressionAttributeNames: { "#deliveryId": deliveryId, "#committedAt": committedAt },
          ExpressionAttributeValues: { ":deliveryId": { S: holder }, ":now": { N: String(now()) } },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ClaimLostError();
      throw error;
    }
  };
}
