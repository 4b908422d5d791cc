import { rule } from "./rule";

export const stateMachineExecutionHistory = rule("CKV_AWS_285", "Ensure State Machine has execution history logging enabled", ["aws_sfn_state_machine"], (machine) =>
  machine.logging_configuration?.include_execution_data !== true && "does not log execution data",
);
