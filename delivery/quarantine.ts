/**
 * The quarantine: an SQS queue where rejected deliveries rest, each message the envelope exactly as
 * it was queued, with why it was rejected in its message attributes. Nothing a verdict decides is
 * lost: after a fix (a secret, a schema), releasing them sends them back through verification.
 */
import { REJECT_REASONS } from "../senders/scheme";

/**
 * Why a delivery is quarantined: not genuine (its scheme's reasons), a payload its schema refuses,
 * or signed content already delivered under another delivery id.
 */
export const REJECTION_REASONS = [...REJECT_REASONS, "invalid-payload", "replay"] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The message attributes a quarantined delivery carries; the tools filter on them. */
export const QUARANTINE_ATTRIBUTES = {
  reason: "reason",
  source: "source",
  deliveryId: "deliveryId",
  /** The SQS message id the delivery had in the queue when it was rejected. */
  messageId: "messageId",
  /** When it was rejected, in epoch milliseconds. */
  rejectedAt: "rejectedAt",
  /** What exactly was wrong (a schema's findings), when there is more to say than the reason. */
  detail: "detail",
  /** For a replay: the delivery id that holds the content's claim. */
  heldBy: "heldBy",
  /** For a replay: when the edge received the holder, in epoch milliseconds. */
  heldSince: "heldSince",
} as const;

export type QuarantineAttributes = { readonly [K in keyof typeof QUARANTINE_ATTRIBUTES]?: string };

/** The longest `detail` kept, in characters: enough for a schema's findings, small beside the envelope. */
const MAX_DETAIL = 1_000;

// Characters SQS refuses in a message body or attribute value (SQS API Reference, SendMessage).
// eslint-disable-next-line no-control-regex -- SQS's allowed set is given by code points: tab, LF and CR are in it, the other controls are not.
const NOT_ALLOWED_BY_SQS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as SQS accepts it in an attribute: disallowed characters replaced, and cut to `max`. */
function attributeText(text: string, max = 256): string {
  const allowed = text.replace(NOT_ALLOWED_BY_SQS, "\uFFFD");
  return allowed.length > max ? `${allowed.slice(0, max - 1)}…` : allowed;
}

type MessageAttributes = Record<string, { DataType: "String" | "Number"; StringValue: string }>;

/** What the quarantine records of a rejected delivery, beside its envelope. */
export interface QuarantineRecord {
  readonly reason: string;
  readonly source: string;
  readonly deliveryId: string;
  /** The SQS message id the delivery had in the queue. */
  readonly messageId: string;
  readonly detail?: string;
  /** For a replay: the delivery that holds the content's claim. */
  readonly heldBy?: { readonly deliveryId: string; readonly receivedAt: number };
}

/** The message attributes of a rejected delivery in the quarantine. */
export function quarantineAttributes(rejection: QuarantineRecord, rejectedAt: number): MessageAttributes {
  const text = (value: string, max?: number) => ({ DataType: "String" as const, StringValue: attributeText(value, max) });
  return {
    [QUARANTINE_ATTRIBUTES.reason]: text(rejection.reason),
    [QUARANTINE_ATTRIBUTES.source]: text(rejection.source),
    [QUARANTINE_ATTRIBUTES.deliveryId]: text(rejection.deliveryId),
    [QUARANTINE_ATTRIBUTES.messageId]: text(rejection.messageId),
    [QUARANTINE_ATTRIBUTES.rejectedAt]: { DataType: "Number", StringValue: String(rejectedAt) },
    ...(rejection.detail ? { [QUARANTINE_ATTRIBUTES.detail]: text(rejection.detail, MAX_DETAIL) } : {}),
    ...(rejection.heldBy
      ? {
          [QUARANTINE_ATTRIBUTES.heldBy]: text(rejection.heldBy.deliveryId),
          [QUARANTINE_ATTRIBUTES.heldSince]: { DataType: "Number", StringValue: String(rejection.heldBy.receivedAt) },
        }
      : {}),
  };
}

/** Reads the attributes back, as ReceiveMessage returns them. */
export function readQuarantineAttributes(attributes: Readonly<Record<string, { StringValue?: string }>> | undefined): QuarantineAttributes {
  return Object.fromEntries(
    Object.entries(QUARANTINE_ATTRIBUTES)
      .map(([field, name]) => [field, attributes?.[name]?.StringValue])
      .filter(([, value]) => value !== undefined),
  ) as QuarantineAttributes;
}
