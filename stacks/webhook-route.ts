import { Fn, Token } from "cdktf";
import { headerMetadataKey, STORED_METADATA } from "../delivery/stored-delivery";
import type { ContentType } from "../delivery/payload";
import type { Draft04Schema } from "../schemas/api-gateway-model";

/** One webhook source's route: `POST /webhooks/{source}`. */
export interface WebhookRoute {
  /** The source's name: the last path segment. */
  readonly source: string;
  /** Draft-04 model every JSON body must match. */
  readonly model: Draft04Schema;
  /** Content types the route accepts; any other gets 415. Only JSON bodies are checked by the model. */
  readonly contentTypes: readonly ContentType[];
  /** Headers forwarded in the envelope (those the source's verification reads). */
  readonly headers: readonly string[];
  /**
   * Headers without which a request cannot be genuine (the signature, or the credentials): a request
   * lacking one is answered 400 by API Gateway itself, never queued. @default none
   */
  readonly requiredHeaders?: readonly string[];
  /** Header carrying the sender's delivery id. @default the API request id stands in */
  readonly deliveryIdHeader?: string;
  /** This route's own throttle. @default the stage's (throttlingRateLimit, throttlingBurstLimit) */
  readonly throttle?: RouteThrottle;
  /**
   * The method of the sender's handshake, answered by `handshakeFunction`: a GET gets a method of
   * its own; a POST shares the delivery route, so every request of the source goes through the
   * function, which queues what is not a handshake. @default none
   */
  readonly handshake?: "GET" | "POST";
  /** CIDR ranges the route accepts requests from; API Gateway refuses others with 403. @default any address */
  readonly allowedSourceIps?: readonly string[];
  /**
   * Store every body in the payload bucket (S3 integration) instead of sending it to the queue
   * inline: for bodies larger than a queue message. @default false
   */
  readonly stored?: boolean;
  /** The largest body an inline route accepts, in bytes, as its 413 answer names it. @default what the queue takes */
  readonly maxBodyBytes?: number;
}

/** A throttle on one route: API Gateway keeps a token bucket per method. */
export interface RouteThrottle {
  /** Steady requests per second. */
  readonly rateLimit: number;
  /** Requests absorbed at once above the rate. */
  readonly burstLimit: number;
}

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
  const partition = Token.asString(Fn.element(Fn.split(":", bucket.bucketArn), 1));
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
