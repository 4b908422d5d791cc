import { resources, type Rule } from "./rule";

/**
 * Secret values never enter Terraform: a secret version would write its value into state in plain
 * text. Values are set out of band (README: "Set a source's secret").
 */
export const noSecretValues: Rule = {
  id: "no-secret-values",
  description: "No secret value in Terraform configuration or state",
  check: (terraform) =>
    resources(terraform, "aws_secretsmanager_secret_version").map(
      ([address]) => `${address} would store a secret value in Terraform state`,
    ),
};
