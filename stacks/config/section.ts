import { z } from "zod";

/** Seconds in a day. */
export const DAY = 86_400;

/** A string matching `pattern`, described as `what` when it does not. */
export const name = (pattern: RegExp, what: string) => z.string().regex(pattern, what);

/**
 * A check across fields of the sections in `Sections` (parsed, defaults filled in): run when every
 * section it `needs` parsed; each problem as `path: message`.
 */
export interface CrossFieldCheck<Sections> {
  readonly needs: readonly (keyof Sections)[];
  readonly check: (config: Sections) => string[];
}

/** `problem` at `path`, if there is one. */
export const at = (path: string, problem: string | undefined) => (problem === undefined ? [] : [`${path}: ${problem}`]);
