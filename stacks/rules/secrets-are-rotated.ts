import { attachedTo, rule } from "./rule";

/** A secret rotates on a schedule, by a rotation function. */
export const secretsAreRotated = rule("CKV2_AWS_57", "Ensure Secrets Manager secrets should have automatic rotation enabled", ["aws_secretsmanager_secret"], (_secret, secret, terraform) =>
  attachedTo(terraform, "aws_secretsmanager_secret_rotation", "secret_id", secret, ["id", "arn"]).length === 0 && "has no automatic rotation",
);
