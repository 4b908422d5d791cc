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

/** When each secret was last read afresh successfully, and when a forced read last failed. */
const refreshedAt = new Map<string, number>();
const failedAt = new Map<string, number>();

/** Raised when a secret cannot be read afresh: a mismatch against the cached copy is then no verdict. */
export class SecretRefreshError extends Error {
  constructor(reason: string) {
    super(`the secret could not be read afresh: ${reason}`);
    this.name = "SecretRefreshError";
  }
}

/**
 * Reads a secret string afresh and caches it. Undefined when it was read afresh successfully less
 * than SECRET_REFRESH_SECONDS ago: the cached value is that read, so a mismatch against it stands.
 * Throws SecretRefreshError when the read fails, or failed less than SECRET_REFRESH_SECONDS ago (a
 * flood of forgeries still costs at most one read per secret this often): the caller retries.
 */
export async function fetchFreshSecretString(secretId: string, now = Date.now()): Promise<string | undefined> {
  const within = (at: number | undefined) => at !== undefined && now - at < SECRET_REFRESH_SECONDS * 1000;
  if (within(refreshedAt.get(secretId))) return undefined;
  if (within(failedAt.get(secretId))) throw new SecretRefreshError("the last try failed moments ago");
  let value: unknown;
  try {
    value = await getSecret(secretId, { maxAge: SECRET_MAX_AGE_SECONDS, forceFetch: true });
  } catch (error) {
    failedAt.set(secretId, now);
    throw new SecretRefreshError((error as Error)?.name ?? "unknown error");
  }
  // Only a read that succeeded makes the cached copy fresh.
  refreshedAt.set(secretId, now);
  failedAt.delete(secretId);
  return asText(value);
}

function asText(value: unknown): string {
  if (typeof value !== "string") throw new Error("secret has no SecretString");
  return value;
}
