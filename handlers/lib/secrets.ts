import { getSecret } from "@aws-lambda-powertools/parameters/secrets";

/** How long a fetched secret is reused before Secrets Manager is asked again, in seconds. */
export const SECRET_MAX_AGE_SECONDS = 300;

/** Fetches a secret string, cached in the execution environment for SECRET_MAX_AGE_SECONDS. */
export async function fetchSecretString(secretArn: string): Promise<string> {
  const value = await getSecret(secretArn, { maxAge: SECRET_MAX_AGE_SECONDS });
  if (typeof value !== "string") throw new Error("secret has no SecretString");
  return value;
}
