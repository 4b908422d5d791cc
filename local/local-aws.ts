import { serveAwsServices } from "./aws-json-protocol";
import { localDynamoDb, type TableResource } from "./dynamodb";
import { LocalEventBridge } from "./event-bridge";
import { LocalSecretsManager } from "./secrets-manager";
import { LocalSqs } from "./sqs";
import { LOCAL_ACCOUNT_ID } from "./synthesized-stack";

export type LocalAws = Awaited<ReturnType<typeof localAws>>;

/**
 * The AWS endpoints the bundled handlers call, served on localhost by the twin's services: Secrets
 * Manager (the given secret strings by ARN), EventBridge, SQS (the given queues) and, by dynalite,
 * DynamoDB (the given tables). `env` points the SDK at them.
 */
export async function localAws(options: { secrets?: Readonly<Record<string, string>>; queues?: readonly string[]; tables?: readonly TableResource[] } = {}) {
  const secretsManager = new LocalSecretsManager(new Map(Object.entries(options.secrets ?? {})));
  const eventBridge = new LocalEventBridge();
  let url = "";
  const sqs = new LocalSqs(
    { region: "us-east-1", accountId: LOCAL_ACCOUNT_ID, endpoint: () => url, now: () => Date.now() / 1000 },
    (options.queues ?? []).map((name) => ({ name, visibilityTimeoutSeconds: 30, maxMessageSizeBytes: 262_144 })),
  );
  const services = await serveAwsServices([secretsManager, eventBridge, sqs]);
  url = services.url;
  const dynamoDb = await localDynamoDb(options.tables ?? []);
  return {
    secretsManager,
    eventBridge,
    sqs,
    env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: url, AWS_ENDPOINT_URL_EVENTBRIDGE: url, AWS_ENDPOINT_URL_SQS: url, AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.url },
    close: () => Promise.all([services.close(), dynamoDb.close()]).then(() => undefined),
  };
}
