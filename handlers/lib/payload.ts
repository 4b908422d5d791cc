import { FORM_CONTENT } from "./schemes/scheme";

/** A form's fields: one value, or every value in order when a name repeats. */
type FormFields = Record<string, string | string[]>;

/** Raised when a body cannot be read as its content type; `reason` is safe to log. */
export class PayloadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "PayloadError";
  }
}

/**
 * Reads a verified body for its schema check: a form (Slack commands, Twilio) as its fields, any
 * other content type as JSON. Forms skip the API's model, so their schema check happens here.
 */
export function parsePayload(body: Buffer, contentType: string): unknown {
  const text = body.toString("utf8");
  if (mediaType(contentType) === FORM_CONTENT) {
    const fields: FormFields = {};
    for (const [name, value] of new URLSearchParams(text)) {
      const previous = fields[name];
      fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    return fields;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new PayloadError("body is not JSON");
  }
}

/** A top-level string field of a parsed payload, trimmed; undefined if absent, empty or not a string. */
export function stringField(payload: unknown, name: string): string | undefined {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return undefined;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string): string {
  return contentType.split(";")[0].trim().toLowerCase();
}
