import aslValidator from "asl-validator";
import { stateMachineDefinition } from "../../stacks/state-machine-definition";
import type { TerraformArguments } from "../../stacks/terraform-json";

const props = {
  validateFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:webhooks-dev-validate",
  processFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:webhooks-dev-process",
  timeoutSeconds: 60,
  maxConcurrency: 10,
};

describe("the state machine definition", () => {
  it("passes asl-validator, paths and ARNs included", () => {
    const result = aslValidator(structuredClone(stateMachineDefinition(props)), { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it("is caught by asl-validator when a transition points nowhere", () => {
    const broken = structuredClone(stateMachineDefinition(props)) as { States: Record<string, { Next?: string }> };
    broken.States["Validate Message"].Next = "Nowhere";
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it("validates the whole batch first, then processes each verified message", () => {
    const definition = stateMachineDefinition(props) as TerraformArguments;
    expect(definition.StartAt).toBe("Validate Message");
    expect(definition.TimeoutSeconds).toBe(60);
    const validate = definition.States["Validate Message"];
    expect(validate.Parameters).toEqual({ FunctionName: props.validateFunctionArn, "Payload.$": "$" });
    const map = definition.States[validate.Next];
    expect(map.Type).toBe("Map");
    expect(map.MaxConcurrency).toBe(10);
    expect(map.ItemProcessor.States["Process Message"].Parameters.FunctionName).toBe(props.processFunctionArn);
  });

  it("reports only failures as batchItemFailures, and routes unknown outcomes to failure", () => {
    const top = (stateMachineDefinition(props) as TerraformArguments).States;
    const map = top["Process Verified Messages"];
    expect(map.Next).toBe("Count Outcomes");
    // The failure filter runs only when the Choice has seen a failure; otherwise the list is empty.
    expect(top["Any Failures"].Default).toBe("Report Failures");
    expect(top["Report Failures"].Parameters).toEqual({ "batchItemFailures.$": "$.results[?(@.itemIdentifier)]" });
    expect(top["All Acknowledged"].Result).toEqual({ batchItemFailures: [] });
    const states = map.ItemProcessor.States;
    expect(states["Route By Outcome"].Default).toBe("Report Failure");
    expect(states["Report Failure"].Parameters).toEqual({ "itemIdentifier.$": "$.messageId" });
    expect(states["Process Message"].Catch).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], Next: "Report Failure" })]);
  });

  it("retries a throttled function longer than a failed service, and never its own errors", () => {
    const definition = stateMachineDefinition(props) as TerraformArguments;
    const retries = [definition.States["Validate Message"].Retry, definition.States["Process Verified Messages"].ItemProcessor.States["Process Message"].Retry];
    for (const retry of retries) {
      expect(retry[0]).toMatchObject({ ErrorEquals: ["Lambda.TooManyRequestsException"], MaxAttempts: 6, MaxDelaySeconds: 4 });
      expect(retry.flatMap((r: TerraformArguments) => r.ErrorEquals).every((e: string) => e.startsWith("Lambda."))).toBe(true);
      // Every wait at its longest, summed, stays well inside the default 60-second execution.
      const longest = retry.map((r: TerraformArguments) => Array.from({ length: r.MaxAttempts }, (_, i) => Math.min(r.IntervalSeconds * r.BackoffRate ** i, r.MaxDelaySeconds ?? Infinity)).reduce((a: number, b: number) => a + b));
      expect(longest[0]).toBe(19);
    }
  });
});
