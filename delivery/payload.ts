/** The content types senders post. */
export const JSON_CONTENT = "application/json";
export const FORM_CONTENT = "application/x-www-form-urlencoded";
export type ContentType = typeof JSON_CONTENT | typeof FORM_CONTENT;

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
 * How deep arrays and objects may nest in a JSON payload. Deeper input parses, but its result
 * cannot be serialized again (V8's JSON.stringify overflows its stack at a few thousand levels),
 * so one hostile delivery would fail every step that passes it on. Real senders nest a few levels.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found by scanning its bytes, not
 * by parsing them: brackets inside strings do not count, and the scan stops at the first level too
 * deep. Bytes of multi-byte UTF-8 characters are all above 0x7F, so none is taken for a bracket.
 */
export function nestsDeeperThan(json: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > limit) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}

/**
 * Reads a verified body for its schema check: a form (Slack commands, Twilio) as its fields, any
 * other content type as JSON, nested at most MAX_JSON_DEPTH levels. Forms skip the API's model, so
 * their schema check happens here.
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
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw new PayloadError(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new PayloadError("body is not JSON");
  }
}

/** A JSON body read by `schema`, or undefined when it is not JSON or not of that shape. */
export function jsonOf<T>(body: Buffer, schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } }): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
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
