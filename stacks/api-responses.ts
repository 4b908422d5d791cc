import { PAYLOAD_TOO_LARGE, SEND_MESSAGE_FAILED_TEMPLATE, SEND_MESSAGE_RESPONSE_TEMPLATE, sendMessageRefusedTemplate } from "./sqs-mapping-template";

// What the API answers a sender: its own errors, and each integration's answers mapped to the sender's.


const ERROR_BODY = `{"message":$context.error.messageString,"requestId":"$context.requestId"}`;

/** Gateway responses: every error the API itself produces is JSON and says what went wrong. */
export const GATEWAY_RESPONSES: Record<string, { statusCode?: string; template: string }> = {
  BAD_REQUEST_BODY: {
    statusCode: "400",
    template: `{"message":"The body does not match the source's schema","errors":"$context.error.validationErrorString","requestId":"$context.requestId"}`,
  },
  BAD_REQUEST_PARAMETERS: { statusCode: "400", template: ERROR_BODY },
  REQUEST_TOO_LARGE: {
    statusCode: PAYLOAD_TOO_LARGE,
    template: `{"message":"The delivery is larger than the ${10 * 1024 * 1024} bytes API Gateway accepts","requestId":"$context.requestId"}`,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    statusCode: "415",
    template: `{"message":"Unsupported Content-Type for this webhook source","requestId":"$context.requestId"}`,
  },
  DEFAULT_4XX: { template: ERROR_BODY },
  DEFAULT_5XX: { template: ERROR_BODY },
};

/** One integration response: the sender's status for the integration statuses its pattern selects. */
export interface IntegrationAnswer {
  readonly statusCode: string;
  readonly selectionPattern: string;
  readonly template: string;
}

/**
 * How SQS answers map to the sender's: 200 with the message id only when SQS accepted the message.
 * A SQS 4xx is our fault (permissions, encryption), so the sender gets 500 and retries, except for
 * a message too large for the queue, which gets 413. A 5xx is SQS's: 503, retry. Anything
 * unmatched is a 500 too.
 */
export const integrationResponses = (maxBodyBytes: number) =>
  [
    { statusCode: "200", selectionPattern: "2\\d{2}", template: SEND_MESSAGE_RESPONSE_TEMPLATE },
    { statusCode: "500", selectionPattern: "4\\d{2}", template: sendMessageRefusedTemplate(maxBodyBytes) },
    { statusCode: "503", selectionPattern: "5\\d{2}", template: SEND_MESSAGE_FAILED_TEMPLATE },
  ] as const;

/** The answer when a stored route could not store the body: the sender retries. */
const STORE_FAILED_TEMPLATE = `{"message":"The delivery could not be stored; retry later","requestId":"$context.requestId"}`;

/**
 * How S3 answers map to the sender's on a stored route: 200 once S3 has the body, its request id
 * the delivery's; any S3 4xx is our fault (permissions, encryption) and any 5xx S3's, both retried.
 */
export const STORE_RESPONSES = [
  { statusCode: "200", selectionPattern: "2\\d{2}", template: `{"requestId":"$context.requestId","stored":true}` },
  { statusCode: "500", selectionPattern: "4\\d{2}", template: STORE_FAILED_TEMPLATE },
  { statusCode: "503", selectionPattern: "5\\d{2}", template: STORE_FAILED_TEMPLATE },
] as const;
