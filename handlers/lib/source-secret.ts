/**
 * What a source's Secrets Manager secret holds. Three forms are accepted, so rotation never needs
 * a deploy:
 * - a plain string: the signing key;
 * - a JSON array of strings: several active signing keys, any of which may match;
 * - a JSON object `{"signingKeys": string | string[], "basicAuth": "user:password" | [...]}`.
 */
export interface SourceSecret {
  readonly signingKeys: readonly string[];
  readonly basicAuth: readonly string[];
}

/** Raised for a secret string of no accepted form; the message never contains the secret. */
export class SourceSecretError extends Error {
  constructor(reason: string) {
    super(`the source's secret is unusable: ${reason}`);
    this.name = "SourceSecretError";
  }
}

export function parseSourceSecret(secretString: string): SourceSecret {
  let json: unknown = undefined;
  const trimmed = secretString.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new SourceSecretError("it starts like JSON but does not parse");
    }
  }
  if (json === undefined) return { signingKeys: nonEmpty([secretString], "signing key"), basicAuth: [] };
  if (Array.isArray(json)) return { signingKeys: nonEmpty(strings(json, "array"), "signing key"), basicAuth: [] };
  const { signingKeys, basicAuth, ...rest } = json as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) throw new SourceSecretError(`unknown keys ${unknownKeys.join(", ")}`);
  return {
    signingKeys: optionalList(signingKeys, "signingKeys"),
    basicAuth: optionalList(basicAuth, "basicAuth"),
  };
}

function optionalList(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  return nonEmpty(typeof value === "string" ? [value] : strings(value, name), name);
}

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new SourceSecretError(`${name} must be a string or a list of strings`);
  }
  return value;
}

function nonEmpty(values: string[], name: string): string[] {
  if (values.length === 0 || values.some((v) => v.length === 0)) throw new SourceSecretError(`empty ${name}`);
  return values;
}
