import { z, type ZodIssue } from "zod";

/**
 * Each issue as `path: message`, the root written `root`: for people reading the quarantine or a
 * file they wrote. Never quotes a value beyond what zod's message does: payloads may hold anything.
 */
export function describeIssues(issues: readonly ZodIssue[], root = "(root)"): string[] {
  return issues.map((issue) => `${pathOf(issue.path, root)}: ${issue.message}`);
}

/**
 * Each issue of input its reader wrote (a config, a tool's options), as `describeIssues` gives it
 * plus the value it got; each unknown key on its own line with the key probably meant (from
 * `schema`); a misspelled enum value or scheme name with the closest valid one.
 */
export function describeInputIssues(issues: readonly ZodIssue[], input: unknown, schema: z.ZodTypeAny, root = "(root)"): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const known = objectKeysAt(schema, issue.path, input) ?? [];
      return issue.keys.map((key) => `${pathOf([...issue.path, key], root)}: unknown key${suggestion(key, known)}`);
    }
    const value = valueAt(input, issue.path);
    // Zod's own messages already name the type, or the enum value, they received.
    const quoted = issue.code === z.ZodIssueCode.invalid_type || issue.code === z.ZodIssueCode.invalid_enum_value;
    const got = value === undefined || quoted ? "" : ` (got ${echo(value)})`;
    const valid = "options" in issue && typeof value === "string" ? suggestion(value, issue.options.map(String)) : "";
    // A long list of choices (the 50 schemes) buries the one meant: name how many, and where they are listed.
    if (issue.code === z.ZodIssueCode.invalid_union_discriminator && issue.options.length > LISTED_CHOICES) {
      return [`${pathOf(issue.path, root)}: not one of its ${issue.options.length} values${got}${valid}`];
    }
    return describeIssues([issue], root).map((line) => `${line}${got}${valid}`);
  });
}

/** The most choices an error lists whole. */
const LISTED_CHOICES = 8;

const pathOf = (path: readonly (string | number)[], root: string) => path.join(".") || root;

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
    if (depth === path.length) return current instanceof z.ZodObject ? Object.keys(shapeOf(current)) : undefined;
    const segment = path[depth];
    if (current instanceof z.ZodObject) current = shapeOf(current)[segment];
    else if (current instanceof z.ZodRecord) current = current.valueSchema as z.ZodTypeAny;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodTypeAny;
    else return undefined;
  }
  return undefined;
}

/** An object schema's fields' schemas, by name. */
const shapeOf = (schema: { readonly shape: unknown }) => schema.shape as Record<string | number, z.ZodTypeAny | undefined>;

/** The schema under defaults, optionals, refinements and transforms; a tagged union's member for `value`. */
function unwrap(schema: z.ZodTypeAny, value: unknown): z.ZodTypeAny | undefined {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodEffects) current = current.innerType() as z.ZodTypeAny;
    else if (current instanceof z.ZodDefault) current = current.removeDefault() as z.ZodTypeAny;
    else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodTypeAny;
    else if (current instanceof z.ZodDiscriminatedUnion) {
      const tag = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[current.discriminator as string] : undefined;
      const member = current.optionsMap.get(tag as never) as z.ZodTypeAny | undefined;
      if (!member) return undefined;
      current = member;
    } else return current;
  }
}
