import { existsSync, readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { describeIssues } from "../delivery/zod-issues";

/** The file local secrets are read from, in the project root; git ignores it. */
export const LOCAL_SECRETS_FILE = "local.secrets.json";

/** The environment variable that holds a source's local secret, such as WEBHOOK_SECRET_GITHUB. */
export function secretVariable(source: string): string {
  return `WEBHOOK_SECRET_${source.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** A source's secret: one string, or several (newest first) while rotating, as in Secrets Manager. */
const fileSchema = z.record(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]));

/** Raised when local secrets cannot be read; the message lists every problem. */
export class LocalSecretsError extends Error {}

/**
 * The secret string of each source, as Secrets Manager would hold it: from `WEBHOOK_SECRET_<SOURCE>`,
 * else from the secrets file (`{"github": "…", "stripe": ["whsec_new", "whsec_old"]}`). Sources
 * with neither are listed as missing.
 */
export function readLocalSecrets(sources: readonly string[], file: string, env: NodeJS.ProcessEnv): { secrets: Record<string, string>; missing: string[] } {
  let fromFile: Record<string, string | string[]> = {};
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new LocalSecretsError(`${file} is not JSON: ${(error as Error).message}`);
    }
    const checked = fileSchema.safeParse(parsed);
    if (!checked.success) {
      const problems = describeIssues(checked.error.issues, "(the file)");
      throw new LocalSecretsError(`${file} must map source names to a secret or a list of secrets:\n  ${problems.join("\n  ")}`);
    }
    fromFile = checked.data;
  }
  const secrets: Record<string, string> = {};
  const missing: string[] = [];
  for (const source of sources) {
    const value = env[secretVariable(source)] ?? fromFile[source];
    if (value === undefined || value === "") missing.push(source);
    else secrets[source] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { secrets, missing };
}

/**
 * Local secrets that follow the file, as a source's secret in Secrets Manager gets new versions:
 * the file is read again whenever its modification time changes. A file caught half-written keeps
 * the secrets last read, and `onProblem` is told why.
 */
export function followLocalSecrets(sources: readonly string[], file: string, env: NodeJS.ProcessEnv, onProblem: (problem: string) => void = () => {}) {
  const modifiedAt = () => (existsSync(file) ? statSync(file).mtimeMs : undefined);
  let readAt = modifiedAt();
  let current = readLocalSecrets(sources, file, env);
  return (): Readonly<Record<string, string>> => {
    const now = modifiedAt();
    if (now !== readAt) {
      readAt = now;
      try {
        current = readLocalSecrets(sources, file, env);
      } catch (error) {
        onProblem(`${(error as Error).message}; the secrets read before stay in use`);
      }
    }
    return current.secrets;
  };
}

/** The secret a sender signs with: the first of a list (the newest), or the one string. */
export function signingSecret(secretString: string): string {
  if (secretString.startsWith("[")) {
    const list = JSON.parse(secretString) as string[];
    return list[0];
  }
  return secretString;
}
