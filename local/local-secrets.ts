import { existsSync, readFileSync, statSync } from "node:fs";
import { z } from "zod";
import * as path from "node:path";
import { closest, describeIssues } from "../delivery/zod-issues";
import { schemeOf, type Verification } from "../senders";
import { parseSourceSecret } from "../senders/source-secret";

/** The file local secrets are read from, in the project root; git ignores it. */
export const LOCAL_SECRETS_FILE = "local.secrets.json";

/**
 * The secrets file the local tools read: WEBHOOKS_LOCAL_SECRETS if set (tests point it at their
 * own), else local.secrets.json in the working folder.
 */
export function localSecretsFile(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.WEBHOOKS_LOCAL_SECRETS ?? LOCAL_SECRETS_FILE);
}

/** The environment variable that holds a source's local secret, such as WEBHOOK_SECRET_GITHUB. */
export function secretVariable(source: string): string {
  return `WEBHOOK_SECRET_${source.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** One secret, or several (newest first) while rotating. */
const activeSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * A source's secret, as in Secrets Manager: one string, several while rotating, or, for a sender
 * with more than one kind of secret, an object of named parts (`{"appSecret": …, "verifyToken": …}`).
 */
const fileSchema = z.record(z.union([activeSchema, z.record(activeSchema)]));

/** Raised when local secrets cannot be read; the message lists every problem. */
export class LocalSecretsError extends Error {}

/**
 * The secret string of each source, as Secrets Manager would hold it: from `WEBHOOK_SECRET_<SOURCE>`,
 * else from the secrets file (`{"github": "…", "stripe": ["whsec_new", "whsec_old"]}`). Sources
 * with neither are listed as missing; names in the file that are no source of `known` (the
 * stack's sources) are listed as strays, each with the source probably meant.
 */
export function readLocalSecrets(
  sources: readonly string[],
  file: string,
  env: NodeJS.ProcessEnv,
  known: readonly string[] = sources,
): { secrets: Record<string, string>; missing: string[]; strays: string[] } {
  let fromFile: Record<string, z.infer<typeof fileSchema>[string]> = {};
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new LocalSecretsError(`${file}${jsonErrorPlace(text, error as Error)} is not JSON: ${(error as Error).message}`);
    }
    const checked = fileSchema.safeParse(parsed);
    if (!checked.success) {
      const problems = describeIssues(checked.error.issues, "(the file)");
      throw new LocalSecretsError(`${file} must map source names to a secret, a list of secrets, or an object of named parts:\n  ${problems.join("\n  ")}`);
    }
    fromFile = checked.data;
  }
  const secrets: Record<string, string> = {};
  const missing: string[] = [];
  const strays = Object.keys(fromFile)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const meant = closest(name, known);
      return `${file}: "${name}" is no source of the stack${meant ? ` (did you mean ${meant}?)` : ""}; it has ${known.join(", ")}`;
    });
  for (const source of sources) {
    const value = env[secretVariable(source)] ?? fromFile[source];
    if (value === undefined || value === "") missing.push(source);
    else secrets[source] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { secrets, missing, strays };
}

/** `:line:column` of a JSON syntax error in `text`, where V8's message gives its position. */
function jsonErrorPlace(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  const at = position !== undefined ? Number(position) : /end of JSON input/.test(error.message) ? text.length : undefined;
  if (at === undefined) return "";
  const before = text.slice(0, at).split("\n");
  return `:${before.length}:${before[before.length - 1].length + 1}`;
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

/**
 * What a sender holds of a source's secret: the value it signs deliveries with and the one it
 * makes its handshake with (the newest of each, first in a list), read as the sender's scheme
 * shapes its secret. Throws SourceSecretError, saying what to store, for a secret of another shape.
 */
export function senderSecrets(secretString: string, verification: Verification): { delivery: string; handshake: string } {
  const { delivery, handshake } = parseSourceSecret(secretString, schemeOf(verification).secretParts);
  return { delivery: delivery[0], handshake: handshake[0] };
}
