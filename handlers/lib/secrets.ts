import { getSecret } from "@aws-lambda-powertools/parameters/secrets";

/** How long a fetched secret is reused before Secrets Manager is asked again, in seconds. */
export const SECRET_MAX_AGE_SECONDS = 300;

/**
 * The least time between two reads of a secret that bypass the cache, in seconds. A signature that
 * does not match is checked once more against a fresh read (the sender may have switched to a newly
 * stored secret); a flood of forgeries then costs at most one read per secret per instance this often.
 */
export const SECRET_REFRESH_SECONDS = 5;

/** Fetches a secret string, cached in the execution environment for SECRET_MAX_AGE_SECONDS. */
export async function fetchSecretString(secretId: string): Promise<string> {
  return asText(await getSecret(secretId, { maxAge: SECRET_MAX_AGE_SECONDS }));
}

const refreshedAt = new Map<string, number>();

/**
 * Reads a secret string afresh and caches it, unless it was read afresh less than
 * SECRET_REFRESH_SECONDS ago: then undefined, since the cached value is that recent read.
 */
export async function fetchFreshSecretString(secretId: string, now = Date.now()): Promise<string | undefined> {
  const last = refreshedAt.get(secretId);
  if (last !== undefined && now - last < SECRET_REFRESH_SECONDS * 1000) return undefined;
  refreshedAt.set(secretId, now);
  return asText(await getSecret(secretId, { maxAge: SECRET_MAX_AGE_SECONDS, forceFetch: true }));
}

function asText(value: unknown): string {
  if (typeof value !== "string") throw new Error("secret has no SecretString");
  return value;
}
