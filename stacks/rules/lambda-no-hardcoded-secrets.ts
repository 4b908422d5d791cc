import { rule } from "./rule";

const SECRET_NAME = /secret|password|passwd|token|api_?key|private_?key|credential/i;
const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
const isReference = (value: unknown) => typeof value === "string" && /^\$\{.*\}$/s.test(value);

/**
 * A function's environment holds no secret: a variable named like one holds a reference (an ARN, a
 * name) resolved by Terraform, never a literal; no value looks like an AWS access key.
 */
export const lambdaNoHardcodedSecrets = rule("CKV_AWS_45", "Ensure no hard-coded secrets exist in lambda environment", ["aws_lambda_function"], (fn) => {
  const variables: Record<string, unknown> = fn.environment?.variables ?? {};
  const suspect = Object.entries(variables)
    .filter(([name, value]) => (SECRET_NAME.test(name) && !/_(ARN|NAME|ID|URL|SECONDS)$/i.test(name) && !isReference(value)) || AWS_ACCESS_KEY.test(String(value)))
    .map(([name]) => name);
  return suspect.length > 0 && `has what may be a secret in its environment: ${suspect.join(", ")}`;
});
