/**
 * What a source's Secrets Manager secret holds: its active secrets, any of which may match, so
 * rotation never needs a deploy. Either one plain string, or a JSON array of strings (add the new
 * secret, switch the sender over, then drop the old one). What a secret is depends on the scheme:
 * a signing key, an auth token, `user:password` for basic auth, an API key.
 */
export type SourceSecrets = readonly string[];

/** Raised for a secret that cannot serve its source; the message never contains the secret. */
export class SourceSecretError extends Error {
  constructor(reason: string) {
    super(`the source's secret is unusable: ${reason}`);
    this.name = "SourceSecretError";
  }
}

export function parseSourceSecret(secretString: string): SourceSecrets {
  if (!secretString.trim().startsWith("[")) return nonEmpty([secretString]);
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw new SourceSecretError("it starts like a JSON array but does not parse");
  }
  if (!Array.isArray(json) || !json.every((value) => typeof value === "string")) {
    throw new SourceSecretError("a JSON secret must be an array of strings");
  }
  return nonEmpty(json);
}

function nonEmpty(values: string[]): string[] {
  if (values.length === 0 || values.some((value) => value.length === 0)) throw new SourceSecretError("it holds an empty secret");
  return values;
}
