import { randomUUID } from "node:crypto";
import { schemeOf } from "../senders";
import { postUrl, signMessage } from "../senders/signing";
import { decodeSourcesSettings, SOURCES_ENV, type SourceSettings } from "../delivery/source-settings";
import { describeFunction, type SynthesizedStack } from "./synthesized-stack";

/** A delivery as a sender makes it. */
export interface Delivery {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export interface DeliveryOptions {
  /** The endpoint, as the sender is given it. */
  readonly url: string;
  readonly body: Buffer;
  /** The secret to sign with. */
  readonly secret: string;
  /** The event type, for senders that name it in a header (GitHub's X-GitHub-Event). */
  readonly event?: string;
  /** The sender's delivery id, for senders that send one. @default a new UUID */
  readonly deliveryId?: string;
  /** @default the first content type the sender posts */
  readonly contentType?: string;
  /** Signing time, in epoch seconds. @default now */
  readonly timestamp?: number;
}

/** Raised for a delivery that cannot be made as asked; the message says why. */
export class SenderError extends Error {}

/**
 * Signs a delivery the way the source's sender does: its scheme's signature headers, its delivery
 * id header, its event type header and its content type.
 */
export function signDelivery(settings: SourceSettings, options: DeliveryOptions): Delivery {
  const scheme = schemeOf(settings.verification);
  const id = options.deliveryId ?? randomUUID();
  const eventHeader = settings.eventType && "header" in settings.eventType ? settings.eventType.header : undefined;
  if (options.event !== undefined && !eventHeader) {
    throw new SenderError(
      settings.eventType && "field" in settings.eventType
        ? `This source's event type is the payload's "${settings.eventType.field}" field: set it in the payload instead of --event.`
        : "This source's sender names no event type: drop --event.",
    );
  }
  const contentType = options.contentType ?? scheme.contentTypes[0];
  const url = postUrl(settings.verification, options.url, options.body, contentType);
  const signed = signMessage(
    settings.verification,
    { body: options.body, url: publicUrl(url), timestamp: options.timestamp ?? Math.floor(Date.now() / 1000), id },
    options.secret,
  );
  return {
    url,
    body: signed.body,
    headers: {
      "content-type": contentType,
      ...(settings.deliveryIdHeader ? { [settings.deliveryIdHeader]: id } : {}),
      ...(eventHeader && options.event !== undefined ? { [eventHeader]: options.event } : {}),
      ...signed.headers,
    },
  };
}

/**
 * The URL as the API rebuilds it for the envelope: API Gateway is reached over HTTPS, so a sender
 * signing the URL (Twilio) signs its https form; the twin serves plain HTTP on localhost.
 */
function publicUrl(url: string): string {
  return url.replace(/^http:\/\//, "https://");
}

/**
 * Why a delivery id given to the sender cannot be repeated to the pipeline, if it cannot: the
 * source takes its id from the payload, or has none and is keyed by the API's request id.
 */
export function deliveryIdWarning(source: string, settings: SourceSettings): string | undefined {
  if (settings.deliveryIdHeader) return undefined;
  return settings.deliveryIdField
    ? `warning: ${source} takes its delivery id from the payload's "${settings.deliveryIdField}" field, not a header: ` +
        "--delivery-id is not sent; repeat the field's value to repeat a delivery."
    : `warning: ${source} has no delivery id, so each delivery is keyed by its API request id and --delivery-id is not sent: ` +
        "give the source a deliveryIdHeader (or deliveryIdField) to make its deliveries idempotent.";
}

/** Posts a delivery; the answer's status and body. */
export async function postDelivery(delivery: Delivery): Promise<{ status: number; body: string }> {
  const response = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
  return { status: response.status, body: await response.text() };
}

/**
 * Every source's settings, as the stack tells its functions: the validate function is told every
 * source, the handshake function only those with handshakes, so all of them are read and merged.
 */
export function sourcesOfStack(stack: SynthesizedStack): Record<string, SourceSettings> {
  const told = Object.keys(stack.json.resource.aws_lambda_function ?? {})
    .map((id) => describeFunction(stack, id).environment[SOURCES_ENV])
    .filter((value): value is string => Boolean(value));
  if (told.length === 0) throw new SenderError("No function of the stack is told its sources: is this a webhook stack?");
  // The fullest list first, so the sources keep the stack's order.
  const lists = told.map(decodeSourcesSettings).sort((a, b) => Object.keys(b).length - Object.keys(a).length);
  return Object.assign({}, ...lists) as Record<string, SourceSettings>;
}
