import type { ZodIssue } from "zod";

/** Each issue as `path: message`, the root written `(root)`: for people reading a config or a tool's answer. */
export function describeIssues(issues: readonly ZodIssue[], root = "(root)"): string[] {
  return issues.map((issue) => `${issue.path.join(".") || root}: ${issue.message}`);
}

/**
 * Each issue's code alone, such as `invalid_type`: what a log line may say of a payload's issues.
 * Messages can quote the payload (an enum's message quotes the value it got) and paths can be its
 * keys; the codes come from zod.
 */
export function issueCodes(issues: readonly ZodIssue[]): string[] {
  return issues.map((issue) => issue.code);
}
