import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { SignedContentClaim } from "./validate-batch";

/** The idempotency table's key and expiry attributes (Powertools' names), which claims share. */
export const CLAIM_ATTRIBUTES = { key: "id", expiresAt: "expiration", deliveryId: "deliveryId" } as const;

/**
 * Claims signed content in DynamoDB with one conditional write: it succeeds when nobody claimed the
 * key, when the claim has expired (TTL removes items late), or when the same delivery id claimed it;
 * a condition failure is a replay. `windowSeconds` is how long a claim holds.
 */
export function replayClaims(client: DynamoDBClient, tableName: string, windowSeconds: number, now: () => number = Date.now) {
  const { key, expiresAt, deliveryId } = CLAIM_ATTRIBUTES;
  return async (claim: SignedContentClaim): Promise<"claimed" | "replay"> => {
    const seconds = Math.floor(now() / 1000);
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { [key]: { S: claim.key }, [deliveryId]: { S: claim.deliveryId }, [expiresAt]: { N: String(seconds + windowSeconds) } },
          ConditionExpression: "attribute_not_exists(#key) OR #expiresAt < :now OR #deliveryId = :deliveryId",
          ExpressionAttributeNames: { "#key": key, "#expiresAt": expiresAt, "#deliveryId": deliveryId },
          ExpressionAttributeValues: { ":now": { N: String(seconds) }, ":deliveryId": { S: claim.deliveryId } },
        }),
      );
      return "claimed";
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return "replay";
      throw error;
    }
  };
}
