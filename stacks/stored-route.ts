import { Fn } from "cdktf";
import { headerMetadataKey, STORED_METADATA } from "../delivery/stored-delivery";
import type { WebhookRoute } from "./webhook-api";

/** The bucket a stored route writes bodies to. */
export interface StoredRouteBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
}

/** A stored route's S3 PutObject: its URI, and the parameters its method declares and its integration maps. */
export interface StoredRequest {
  readonly uri: string;
  readonly methodParameters: Record<string, boolean>;
  readonly integrationParameters: Record<string, string>;
}

/**
 * A stored route's S3 PutObject: the object `<source>/<request id>` in the payload bucket, with the
 * request's details and the source's forwarded headers as its metadata (delivery/stored-delivery.ts
 * reads them back). Every header it maps is declared on the method, required or not.
 */
export function storedRequest(route: WebhookRoute, bucket: StoredRouteBucket, region: string, publicUrl: string | undefined): StoredRequest {
  // The partition from the bucket's ARN (`arn:<partition>:s3:::<name>`): the route refers to nothing but its bucket.
  const partition = Fn.element(Fn.split(":", bucket.bucketArn), 1);
  const meta = (key: string) => `integration.request.header.x-amz-meta-${key}`;
  const headers = [...new Set([...route.headers, ...(route.deliveryIdHeader ? [route.deliveryIdHeader] : []), "Content-Type"])];
  return {
    uri: `arn:${partition}:apigateway:${region}:s3:path/${bucket.bucketName}/${route.source}/{key}`,
    methodParameters: Object.fromEntries(headers.filter((h) => !(route.requiredHeaders ?? []).includes(h)).map((h) => [`method.request.header.${h}`, false])),
    integrationParameters: {
      "integration.request.path.key": "context.requestId",
      "integration.request.header.Content-Type": "method.request.header.Content-Type",
      [meta(STORED_METADATA.requestId)]: "context.requestId",
      [meta(STORED_METADATA.receivedAt)]: "context.requestTimeEpoch",
      [meta(STORED_METADATA.sourceIp)]: "context.identity.sourceIp",
      ...(publicUrl ? { [meta(STORED_METADATA.publicUrl)]: `'${publicUrl}'` } : { [meta(STORED_METADATA.domain)]: "context.domainName", [meta(STORED_METADATA.path)]: "context.path" }),
      ...(route.deliveryIdHeader ? { [meta(STORED_METADATA.deliveryId)]: `method.request.header.${route.deliveryIdHeader}` } : {}),
      ...Object.fromEntries(route.headers.map((h) => [meta(headerMetadataKey(h)), `method.request.header.${h}`])),
    },
  };
}
