import { rule } from "./rule";

export const stateMachineXray = rule("CKV_AWS_284", "Ensure State Machine has X-Ray tracing enabled", ["aws_sfn_state_machine"], (machine) =>
  machine.tracing_configuration?.enabled !== true && "has no X-Ray tracing",
);
