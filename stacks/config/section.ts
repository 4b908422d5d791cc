import { z } from "zod";
import type { WebhookPipelineConfig } from ".";

/** Seconds in a day. */
export const DAY = 86_400;

/** A string matching `pattern`, described as `what` when it does not. */
export const name = (pattern: RegExp, what: string) => z.string().regex(pattern, what);

/** A check across fields: run when every section it `needs` parsed; each problem as `path: message`. */
export interface CrossFieldCheck {
  readonly needs: readonly (keyof WebhookPipelineConfig)[];
  readonly check: (config: WebhookPipelineConfig) => string[];
}

/** `problem` at `path`, if there is one. */
export const at = (path: string, problem: string | undefined) => (problem === undefined ? [] : [`${path}: ${problem}`]);
