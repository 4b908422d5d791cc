import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** An object as S3 keeps it. */
export interface LocalObject {
  readonly body: Buffer;
  readonly contentType: string;
  /** User metadata, keys lower-cased without `x-amz-meta-`. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The entity tag, quoted: the MD5 of the body, as S3 gives it for a single PUT with SSE-S3. */
  readonly eTag: string;
}

/** What S3 sends a notified queue when an object is created: its event record, as S3 writes it. */
export function objectCreatedNotification(bucket: string, key: string, object: LocalObject, region: string): string {
  return JSON.stringify({
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:LOCAL" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase(), "x-amz-id-2": "local" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "local",
          bucket: { name: bucket, ownerIdentity: { principalId: "LOCAL" }, arn: `arn:aws:s3:::${bucket}` },
          // Keys are form-encoded in notifications.
          object: { key: encodeURIComponent(key).replace(/%2F/g, "/").replace(/%20/g, "+"), size: object.body.length, eTag: object.eTag.replace(/"/g, ""), sequencer: Date.now().toString(16).toUpperCase() },
        },
      },
    ],
  });
}

/**
 * S3, locally: buckets of objects with their content type, metadata and entity tag, served to the
 * SDK in path style (GET, HEAD, PUT and DELETE of an object, `If-Match` honoured), and written to by
 * the REST API's S3 integration. A bucket with a notification tells `onCreated` of each new object.
 */
export class LocalS3 {
  private readonly buckets = new Map<string, Map<string, LocalObject>>();

  constructor(
    /** Told of every object created, with its bucket and key. */
    private readonly onCreated: (bucket: string, key: string, object: LocalObject) => void = () => {},
  ) {}

  /** Writes an object; `notify: false` writes it as no S3 caller can, unnoticed (for tests of a body changed in place). */
  putObject(bucket: string, key: string, body: Buffer, contentType: string, metadata: Readonly<Record<string, string>>, options: { readonly notify?: boolean } = {}): LocalObject {
    const object = { body, contentType, metadata, eTag: `"${createHash("md5").update(body).digest("hex")}"` };
    this.bucket(bucket).set(key, object);
    if (options.notify !== false) this.onCreated(bucket, key, object);
    return object;
  }

  getObject(bucket: string, key: string): LocalObject | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  deleteObject(bucket: string, key: string): boolean {
    return this.buckets.get(bucket)?.delete(key) ?? false;
  }

  /** Every object's key in `bucket`, in the order written. */
  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])];
  }

  /** True for a request signed for S3: the SDK's calls carry the service in their credential scope. */
  static isS3Request(request: IncomingMessage): boolean {
    return /\/s3\/aws4_request/.test(String(request.headers.authorization ?? ""));
  }

  /** Answers one SDK call, in path style: `/<bucket>/<key>`. */
  serve(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://localhost");
    const [, bucket, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const object = this.getObject(bucket, key);
    const fail = (status: number, code: string, message: string) => {
      response.writeHead(status, { "content-type": "application/xml" });
      response.end(request.method === "HEAD" ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><Key>${escapeXml(key)}</Key></Error>`);
    };
    switch (request.method) {
      case "GET":
      case "HEAD": {
        if (!object) return fail(404, "NoSuchKey", "The specified key does not exist.");
        const ifMatch = request.headers["if-match"];
        if (ifMatch !== undefined && ifMatch.replace(/"/g, "") !== object.eTag.replace(/"/g, "")) return fail(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        response.writeHead(200, {
          "content-type": object.contentType,
          "content-length": String(object.body.length),
          etag: object.eTag,
          ...Object.fromEntries(Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value])),
        });
        response.end(request.method === "HEAD" ? undefined : object.body);
        return;
      }
      case "PUT": {
        const metadata = Object.fromEntries(
          Object.entries(request.headers)
            .filter(([name]) => name.startsWith("x-amz-meta-"))
            .map(([name, value]) => [name.slice("x-amz-meta-".length), String(value)]),
        );
        const put = this.putObject(bucket, key, body, String(request.headers["content-type"] ?? "binary/octet-stream"), metadata);
        response.writeHead(200, { etag: put.eTag });
        response.end();
        return;
      }
      case "DELETE":
        this.deleteObject(bucket, key);
        response.writeHead(204);
        response.end();
        return;
      default:
        return fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
  }

  private bucket(name: string): Map<string, LocalObject> {
    let bucket = this.buckets.get(name);
    if (!bucket) this.buckets.set(name, (bucket = new Map()));
    return bucket;
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
