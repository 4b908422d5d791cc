import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { StoredBodyError, type StoredBodyRef, type StoredObject } from "./stored-delivery";

/**
 * Reads stored deliveries from the payload bucket. A read names the entity tag S3 notified
 * (`If-Match`), so an object written again under the same key is never taken for the delivery.
 * The S3 client is loaded at the first read: a function that reads none starts without it.
 */
export function storedBodies(config: S3ClientConfig = {}): (ref: Pick<StoredBodyRef, "bucket" | "key"> & { readonly eTag?: string }) => Promise<StoredObject> {
  let client: Promise<{ s3: S3Client; GetObjectCommand: typeof import("@aws-sdk/client-s3").GetObjectCommand }> | undefined;
  return async ({ bucket, key, eTag }) => {
    client ??= import("@aws-sdk/client-s3").then(({ S3Client, GetObjectCommand }) => ({ s3: new S3Client(config), GetObjectCommand }));
    const { s3, GetObjectCommand } = await client;
    let answer;
    try {
      answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(eTag ? { IfMatch: eTag } : {}) }));
    } catch (error) {
      const name = (error as Error).name;
      if (name === "NoSuchKey") throw new StoredBodyError("stored-body-missing", `s3://${bucket}/${key} is gone`);
      if (name === "PreconditionFailed") throw new StoredBodyError("stored-body-altered", `s3://${bucket}/${key} is not the object notified`);
      throw new StoredBodyError("stored-body-unavailable", `s3://${bucket}/${key} could not be read (${(error as Error).name})`);
    }
    const body = Buffer.from(await answer.Body!.transformToByteArray());
    return { body, contentType: answer.ContentType ?? "", metadata: answer.Metadata ?? {} };
  };
}
