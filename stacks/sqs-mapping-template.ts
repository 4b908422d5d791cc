import { ENVELOPE_FIELDS, ENVELOPE_VERSION, type Envelope, type EnvelopeRoute } from "../delivery/envelope";
import { headerKey } from "../delivery/headers";

/** What the template puts in each envelope: the route, as the envelope's owner defines it. */
export type SendMessageTemplateProps = EnvelopeRoute;

/**
 * Builds the API Gateway request mapping template that turns a request into an SQS SendMessage
 * form whose MessageBody is the envelope (delivery/envelope.ts), written field by field.
 *
 * - The template is one line: whitespace around VTL directives would leak into the form body.
 * - Each dynamic string is JSON-escaped with `$util.escapeJavaScript`, whose `\'` (not JSON) is
 *   undone with Java's regex `replaceAll("\\'","'")`, then form-encoded with `$util.urlEncode`.
 *   Form-encoding piece by piece equals encoding the whole, so literals are encoded here at synth.
 * - Header names are matched case-insensitively: senders on HTTP/2 send them lower-cased.
 * - The body is the exact bytes received, base64, since signatures cover bytes: API Gateway hands
 *   the template `$input.body` already base64-encoded, as every content type is binary to the API
 *   and the integration converts bodies to text (WebhookApi's BINARY_MEDIA_TYPES, CONVERT_TO_TEXT).
 * - The URL is rebuilt with its query string (Twilio signs it): API Gateway hands the template
 *   decoded parameters, which are encoded again the way Java's URLEncoder does.
 */
export function sendMessageTemplate(props: SendMessageTemplateProps): string {
  const CONTENT_TYPE = "content-type";
  const forwarded = unique(props.headers.map(headerKey));
  const deliveryIdHeader = props.deliveryIdHeader ? headerKey(props.deliveryIdHeader) : undefined;
  const wanted = unique([...forwarded, CONTENT_TYPE, ...(deliveryIdHeader ? [deliveryIdHeader] : [])]);
  const variable = (name: string) => `$h${wanted.indexOf(name)}`;

  const directives = [
    ...wanted.map((name) => `#set(${variable(name)} = "")`),
    `#set($headers = $input.params().header)`,
    `#foreach($name in $headers.keySet())#set($lower = $name.toLowerCase())`,
    wanted.map((name, i) => `#${i === 0 ? "if" : "elseif"}($lower == "${name}")#set(${variable(name)} = $headers.get($name))`).join(""),
    `#end#end`,
    `#set($deliveryId = $context.requestId)`,
    deliveryIdHeader ? `#if(${variable(deliveryIdHeader)} != "")#set($deliveryId = ${variable(deliveryIdHeader)})#end` : "",
    props.publicUrl ? `#set($url = "${vtlStringLiteral(props.publicUrl)}")` : `#set($url = "https://$context.domainName$context.path")`,
    `#set($query = "")#set($parameters = $input.params().querystring)`,
    `#foreach($name in $parameters.keySet())#if($query != "")#set($query = "$query&")#end`,
    `#set($query = "$query$util.urlEncode($name)=$util.urlEncode($parameters.get($name))")#end`,
    // `#{end}`, braced: the form text follows, and `#endAction` would read as another directive.
    `#if($query != "")#set($url = "$url?$query")#{end}`,
  ];

  const fields: Record<keyof Envelope, string[]> = {
    v: [literal(String(ENVELOPE_VERSION))],
    source: [literal(JSON.stringify(props.source))],
    deliveryId: jsonString("$deliveryId"),
    receivedAt: ["$context.requestTimeEpoch"],
    requestId: jsonString("$context.requestId"),
    sourceIp: jsonString("$context.identity.sourceIp"),
    url: jsonString("$url"),
    contentType: jsonString(variable(CONTENT_TYPE)),
    headers: [
      literal("{"),
      ...forwarded.flatMap((name, i) => [literal(`${i === 0 ? "" : ","}${JSON.stringify(name)}:`), ...jsonString(variable(name))]),
      literal("}"),
    ],
    // base64 holds "+", "/" and "=", which mean something in a form: encoded too.
    body: [literal('"'), "$util.urlEncode($input.body)", literal('"')],
  };
  const envelope = [
    literal("{"),
    ...ENVELOPE_FIELDS.flatMap((field, i) => [literal(`${i === 0 ? "" : ","}"${field}":`), ...fields[field]]),
    literal("}"),
  ];
  return directives.join("") + "Action=SendMessage&MessageBody=" + envelope.join("");
}

/** A JSON string literal of a VTL expression's value, form-encoded. */
function jsonString(expression: string): string[] {
  return [literal('"'), `$util.urlEncode($util.escapeJavaScript(${expression}).replaceAll("\\\\'","'"))`, literal('"')];
}

/** Form-encodes a constant at synth time, leaving only characters VTL treats as plain text. */
function literal(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A constant inside a VTL double-quoted string: `$`, `#` and `"` would mean something there. */
function vtlStringLiteral(text: string): string {
  if (/["$#\\]/.test(text)) throw new Error(`not a plain URL: ${JSON.stringify(text)}`);
  return text;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/** The answer when the delivery could not be queued: the sender retries. */
export const SEND_MESSAGE_FAILED_TEMPLATE = `{"message":"The delivery could not be queued; retry later","requestId":"$context.requestId"}`;

/** How SQS words its refusal of a message above the queue's maximum size. */
const TOO_LARGE = "Message must be shorter than";

/**
 * The integration response template for a SQS 4xx. A message SQS refuses as too large will never
 * fit: the sender gets 413, so it stops retrying. Any other refusal is our fault: 500, retry later.
 */
export const PAYLOAD_TOO_LARGE = "413";

export function sendMessageRefusedTemplate(maxBodyBytes: number): string {
  return (
    `#if($input.body.contains("${TOO_LARGE}"))#set($context.responseOverride.status = ${PAYLOAD_TOO_LARGE})` +
    `{"message":"The delivery is larger than the ${maxBodyBytes} bytes this endpoint accepts","maxBodyBytes":${maxBodyBytes},"requestId":"$context.requestId"}` +
    `#{else}${SEND_MESSAGE_FAILED_TEMPLATE}#end`
  );
}

/** The integration response template: the SQS message id, from either SQS response shape. */
export const SEND_MESSAGE_RESPONSE_TEMPLATE =
  `#set($id = $input.path('$.SendMessageResponse.SendMessageResult.MessageId'))` +
  `#if("$!id" == "")#set($id = $input.path('$.MessageId'))#end` +
  `{"messageId":"$util.escapeJavaScript($id)","requestId":"$context.requestId"}`;
