/**
 * What a source's Secrets Manager secret holds: its active values, any of which may match, so
 * rotation never needs a deploy. For most senders the secret is one kind of thing (a signing key,
 * an auth token, `user:password` for Basic auth, an API key): one plain string, or a JSON array of
 * strings (add the new value, switch the sender over, then drop the old one).
 *
 * A sender with more than one kind of secret (Meta: the app secret signs deliveries, the verify
 * token answers the subscription check) has a JSON object naming each part, each a string or an
 * array while it rotates: `{"appSecret": ["new", "old"], "verifyToken": "…"}`. Each check reads only
 * its own part, so a verify token, which travels in URLs, never verifies a signature, and a
 * signing key is never compared with what a caller sends.
 */

/** The named parts of a sender's secret, and which check reads each. */
export interface SecretParts {
  /** The part that proves deliveries (its key in the secret's JSON object). */
  readonly delivery: string;
  /** The part the handshake compares or signs with. */
  readonly handshake: string;
}

/** A source's active secret values, by the check that reads them. */
export interface SourceSecrets {
  /** What `verify` proves deliveries with. */
  readonly delivery: readonly string[];
  /** What the handshake uses: the same values, unless the sender's secret has parts. */
  readonly handshake: readonly string[];
}

/** Raised for a secret that cannot serve its source; the message never contains the secret. */
export class SourceSecretError extends Error {
  constructor(reason: string) {
    super(`the source's secret is unusable: ${reason}`);
    this.name = "SourceSecretError";
  }
}

/** How a secret with parts is written, for messages that say what to store. */
export function partsExample(parts: SecretParts): string {
  return `{"${parts.delivery}": "…", "${parts.handshake}": "…"}`;
}

/** A source's secret string, read as its sender's secret is shaped: one part, or the named `parts`. */
export function parseSourceSecret(secretString: string, parts?: SecretParts): SourceSecrets {
  const start = secretString.trim()[0];
  // A plain secret may start with "{" (it was always taken whole); one that parses as an object is not one.
  const json = start === "[" || (start === "{" && parts) ? parseJson(secretString) : start === "{" ? parseJsonOr(secretString) : secretString;
  if (!parts) {
    if (json !== null && typeof json === "object" && !Array.isArray(json)) {
      throw new SourceSecretError("a JSON object is for senders with more than one kind of secret; this one's is one string or a JSON array of strings");
    }
    const values = activeValues(json, "the secret");
    return { delivery: values, handshake: values };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new SourceSecretError(
      `this sender's secret has two parts, stored as a JSON object ${partsExample(parts)} (each a string, or a list while rotating); ` +
        "one string or a list cannot say which value signs deliveries and which answers the handshake",
    );
  }
  const object = json as Record<string, unknown>;
  const unknown = Object.keys(object).filter((key) => key !== parts.delivery && key !== parts.handshake);
  if (unknown.length > 0) throw new SourceSecretError(`unknown part(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}; expected ${partsExample(parts)}`);
  const delivery = activeValues(object[parts.delivery], parts.delivery);
  const handshake = activeValues(object[parts.handshake], parts.handshake);
  // A handshake value travels in URLs and logs: one that is also a signing key would publish it.
  if (handshake.some((value) => delivery.includes(value))) throw new SourceSecretError(`${parts.handshake} must differ from every ${parts.delivery}`);
  return { delivery, handshake };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceSecretError("it starts like JSON but does not parse");
  }
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One string or a non-empty array of strings, none empty. */
function activeValues(value: unknown, what: string): string[] {
  const values = typeof value === "string" ? [value] : value;
  if (value === undefined) throw new SourceSecretError(`${what} is missing`);
  if (!Array.isArray(values) || !values.every((v) => typeof v === "string")) throw new SourceSecretError(`${what} must be a string or an array of strings`);
  if (values.length === 0 || values.some((v) => v.length === 0)) throw new SourceSecretError(`${what} holds an empty secret`);
  return values;
}
