/** One IAM policy statement, as it reads in a synthesized policy document. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, string | string[]>;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a policy document given as JSON (`Statement` may be one object or a list). */
export function statements(policy: string | undefined): Statement[] {
  return policy ? [JSON.parse(policy).Statement ?? []].flat() : [];
}

export const allows = (statement: Statement) => statement.Effect === "Allow";

export const actionsOf = (statement: Statement): string[] => [statement.Action ?? []].flat();

export const resourcesIn = (statement: Statement): string[] => [statement.Resource ?? []].flat();

/** Every principal a statement names, as `AWS:…`, `Service:…`, or `*`. */
export function principalsOf(statement: Statement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (principal === "*") return ["*"];
  return Object.entries(principal).flatMap(([kind, values]) => [values].flat().map((value) => (value === "*" ? "*" : `${kind}:${value}`)));
}

/** Whether a policy denies every request not made over TLS (`aws:SecureTransport` false). */
export const deniesPlainHttp = (policy: string | undefined) =>
  statements(policy).some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false");

/** Anyone at all: `"*"` or `{"AWS": "*"}`, with no condition narrowing it. */
export const isPublic = (statement: Statement) => allows(statement) && principalsOf(statement).includes("*") && !statement.Condition;

/** The policy documents a stack holds, by resource type and the field that holds each. */
export const POLICY_FIELDS: Readonly<Record<string, string>> = {
  aws_iam_role_policy: "policy",
  aws_iam_policy: "policy",
  aws_sqs_queue_policy: "policy",
  aws_sns_topic_policy: "policy",
  aws_kms_key: "policy",
  aws_api_gateway_rest_api_policy: "policy",
  aws_cloudwatch_event_bus_policy: "policy",
  aws_secretsmanager_secret_policy: "policy",
};
