import { rule } from "./rule";

/**
 * Secret values never enter Terraform: a secret version would write its value into state in plain
 * text. Values are set out of band (docs/deploy-and-plans.md "Set a source's secret"). No public rule says this.
 */
export const noSecretValues = rule("WH_AWS_1", "No secret value in Terraform configuration or state", ["aws_secretsmanager_secret_version"], () =>
  "would store a secret value in Terraform state",
);
