import { z } from "zod";

/**
 * HTTP header names are case-insensitive and senders on HTTP/2 send them lower-cased, so every
 * header the pipeline forwards or reads goes by its lower-case name.
 */
export function headerKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Looks a header up whatever case its name has in `headers`; "" when absent. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string {
  const wanted = headerKey(name);
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return "";
}

/** RFC 7230 token characters: what a header name may hold. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A header name in configuration, normalized to lower case. */
export const headerName = () => z.string().regex(HEADER_NAME_PATTERN, "must be an HTTP header name").transform(headerKey);
