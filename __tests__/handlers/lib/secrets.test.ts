import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { fetchFreshSecretString, fetchSecretString, SECRET_REFRESH_SECONDS, SecretRefreshError } from "../../../handlers/lib/secrets";

const secretsManager = mockClient(SecretsManagerClient);
const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks/test/github-AbCdEf";

describe("the secret, cached and read afresh", () => {
  beforeAll(() => {
    process.env.AWS_REGION = "us-east-1";
  });

  it("reads afresh past the cache, at most once every SECRET_REFRESH_SECONDS, and caches what it read", async () => {
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: "old" }).resolvesOnce({ SecretString: "new" }).resolves({ SecretString: "newer" });
    expect(await fetchSecretString(ARN)).toBe("old");
    expect(await fetchSecretString(ARN)).toBe("old");
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    const now = Date.now();
    expect(await fetchFreshSecretString(ARN, now)).toBe("new");
    // The cache now holds the fresh read.
    expect(await fetchSecretString(ARN)).toBe("new");
    // Too soon to ask again: the caller's copy is that recent.
    expect(await fetchFreshSecretString(ARN, now + SECRET_REFRESH_SECONDS * 1000 - 1)).toBeUndefined();
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(await fetchFreshSecretString(ARN, now + SECRET_REFRESH_SECONDS * 1000)).toBe("newer");
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it("never takes a failed fresh read for a fresh copy: it throws, and throws without asking again for SECRET_REFRESH_SECONDS", async () => {
    secretsManager.reset();
    const arn = `${ARN}-failing`;
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: "old" }).rejectsOnce(Object.assign(new Error("down"), { name: "InternalServiceError" })).resolves({ SecretString: "new" });
    expect(await fetchSecretString(arn)).toBe("old");
    const now = Date.now() + 60_000;
    await expect(fetchFreshSecretString(arn, now)).rejects.toBeInstanceOf(SecretRefreshError);
    // Within the window: no call (a flood stays bounded), and no "the cache is fresh" either.
    await expect(fetchFreshSecretString(arn, now + 1_000)).rejects.toThrow(/failed moments ago/);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(await fetchSecretString(arn)).toBe("old");
    // Past it, the read is made again, and once it succeeds the cache is that read.
    expect(await fetchFreshSecretString(arn, now + SECRET_REFRESH_SECONDS * 1000)).toBe("new");
    expect(await fetchFreshSecretString(arn, now + SECRET_REFRESH_SECONDS * 1000 + 1)).toBeUndefined();
    expect(await fetchSecretString(arn)).toBe("new");
  });

  it("refuses a secret that holds no string", async () => {
    secretsManager.reset();
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(fetchSecretString(`${ARN}-binary`)).rejects.toThrow("secret has no SecretString");
  });
});
