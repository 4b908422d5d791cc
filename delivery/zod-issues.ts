import { z, type ZodIssue } from "zod";

/** What else a description may use: the input, to echo values; the schema, to suggest keys. */
export interface DescribeOptions {
  /** How the root is written when an issue has no path. @default "(root)" */
  readonly root?: string;
  /**
   * The input that was parsed: each issue then echoes the value it got. Only for input written by
   * whoever reads the answer (a config, a tool's options), never for payloads, which may hold anything.
   */
  readonly input?: unknown;
  /** The schema that parsed it: unknown keys then get the closest known key as a suggestion. */
  readonly schema?: z.ZodTypeAny;
}

/**
 * Each issue as `path: message`, for people reading a config, a tool's answer or the quarantine:
 * with `input`, the value it got; with `schema`, each unknown key on its own line with the key
 * probably meant; enum values and scheme names misspelled get the closest valid one.
 */
export function describeIssues(issues: readonly ZodIssue[], options: DescribeOptions = {}): string[] {
  const at = (path: readonly (string | number)[]) => path.join(".") || (options.root ?? "(root)");
  return issues.flatMap((issue) => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const known = options.schema ? objectKeysAt(options.schema, issue.path, options.input) : undefined;
      return issue.keys.map((key) => `${at([...issue.path, key])}: unknown key${suggestion(key, known ?? [])}`);
    }
    const value = options.input === undefined ? undefined : valueAt(options.input, issue.path);
    // Zod's own messages already name the type, or the enum value, they received.
    const quoted = issue.code === z.ZodIssueCode.invalid_type || issue.code === z.ZodIssueCode.invalid_enum_value;
    const got = value === undefined || quoted ? "" : ` (got ${echo(value)})`;
    const valid = "options" in issue && typeof value === "string" ? suggestion(value, issue.options.map(String)) : "";
    return [`${at(issue.path)}: ${issue.message}${got}${valid}`];
  });
}

/**
 * Each issue's code alone, such as `invalid_type`: what a log line may say of a payload's issues.
 * Messages can quote the payload (an enum's message quotes the value it got) and paths can be its
 * keys; the codes come from zod.
 */
export function issueCodes(issues: readonly ZodIssue[]): string[] {
  return issues.map((issue) => issue.code);
}

/** `; did you mean "x"?` for the candidate closest to `word`, when one is close enough to be a slip. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best === undefined ? "" : `; did you mean "${best}"?`;
}

/**
 * The candidate a misspelling most likely meant: the same letters in another case, a few edits
 * away, or the one candidate it abbreviates (`rate` for `rateLimit`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (best && best.distance <= Math.max(1, Math.floor(Math.min(word.length, best.candidate.length) / 3))) return best.candidate;
  const extended = lower.length >= 3 ? candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower)) : [];
  return extended.length === 1 ? extended[0] : undefined;
}

/** Levenshtein distance, with a swap of neighbours counting as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The longest echo of a value, in characters: enough to recognize it. */
const MAX_ECHO = 80;

function echo(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The keys the object schema at `path` knows, found by walking the schema alongside the input. */
function objectKeysAt(schema: z.ZodTypeAny, path: readonly (string | number)[], input: unknown): string[] | undefined {
  let current: z.ZodTypeAny | undefined = schema;
  for (let depth = 0; current; depth++) {
    current = unwrap(current, valueAt(input, path.slice(0, depth)));
    if (depth === path.length) return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
    const segment = path[depth];
    if (current instanceof z.ZodObject) current = current.shape[segment];
    else if (current instanceof z.ZodRecord) current = current.valueSchema;
    else if (current instanceof z.ZodArray) current = current.element;
    else return undefined;
  }
  return undefined;
}

/** The schema under defaults, optionals, refinements and transforms; a tagged union's member for `value`. */
function unwrap(schema: z.ZodTypeAny, value: unknown): z.ZodTypeAny | undefined {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodDefault) current = current.removeDefault();
    else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodDiscriminatedUnion) {
      const tag = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[current.discriminator] : undefined;
      const member = current.optionsMap.get(tag as never);
      if (!member) return undefined;
      current = member;
    } else return current;
  }
}
