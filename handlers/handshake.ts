import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { HANDSHAKE_ENV } from "../delivery/handshake-settings";
import { loadSourcesSettings } from "../delivery/source-settings";
import { fetchSecretString } from "./lib/secrets";
import { answerProxiedRequest, type ProxiedRequestDependencies } from "./lib/proxied-request";

const SERVICE = "webhook-handshake";
const logger = new Logger({ serviceName: SERVICE });
const metrics = new Metrics({ serviceName: SERVICE });
let dependencies: ProxiedRequestDependencies | undefined;

function configure(env: NodeJS.ProcessEnv = process.env): ProxiedRequestDependencies {
  const queueUrl = env[HANDSHAKE_ENV.queueUrl];
  if (!queueUrl) throw new Error(`${HANDSHAKE_ENV.queueUrl} is not set`);
  const sqs = new SQSClient({});
  return {
    sources: loadSourcesSettings(env),
    publicUrls: JSON.parse(env[HANDSHAKE_ENV.publicUrls] || "{}") as Record<string, string>,
    secretString: fetchSecretString,
    send: async (messageBody) => {
      const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: messageBody }));
      if (!sent.MessageId) throw new Error("SQS returned no message id");
      return sent.MessageId;
    },
    log: (message, fields) => logger.error(message, fields),
    count: (metric, source) => {
      const single = metrics.singleMetric();
      single.addDimensions({ source });
      single.addMetric(metric, MetricUnit.Count, 1);
    },
  };
}

/**
 * The routes of senders that make handshakes (API Gateway's Lambda proxy integration): their
 * handshakes answered synchronously, every other request queued as the mapping template queues it.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  dependencies ??= configure();
  const result = await answerProxiedRequest(event, dependencies);
  if (result.statusCode >= 400) logger.warn("request not answered with 2xx", { status: result.statusCode, resource: event.resource, requestId: event.requestContext.requestId });
  return result;
}
