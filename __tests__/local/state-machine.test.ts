import { LocalStateMachine, withTypeTestsNegated, type StatePath } from "../../local/state-machine";
import type { TerraformArguments } from "../../stacks/terraform-json";

/** A Choice on a variable's absence, as AWS evaluates it: `IsPresent: false` matches when the variable is missing. */
const definition = {
  StartAt: "Has Failure?",
  States: {
    "Has Failure?": {
      Type: "Choice",
      Choices: [{ And: [{ Variable: "$.count", NumericLessThanEquals: 1 }, { Variable: "$.failure", IsPresent: false }], Next: "None" }],
      Default: "Some",
    },
    None: { Type: "Pass", Result: "none", End: true },
    Some: { Type: "Pass", Result: "some", End: true },
  },
};

describe("the twin's state machine runner", () => {
  it("rewrites every type test set to false as Not around its true form, nested rules and Map processors included", () => {
    const nested = {
      StartAt: "Map",
      States: {
        Map: {
          Type: "Map",
          ItemProcessor: { StartAt: "C", States: { C: { Type: "Choice", Choices: [{ Variable: "$.x", IsNull: false, Next: "E" }], Default: "E" }, E: { Type: "Succeed" } } },
          End: true,
        },
      },
    };
    const rewritten = withTypeTestsNegated(nested) as TerraformArguments;
    expect(rewritten.States.Map.ItemProcessor.States.C.Choices).toEqual([{ Next: "E", Not: { Variable: "$.x", IsNull: true } }]);
    expect((withTypeTestsNegated(definition) as TerraformArguments).States["Has Failure?"].Choices[0].And[1]).toEqual({ Not: { Variable: "$.failure", IsPresent: true } });
    // Rules without a false type test are left as they are.
    expect(withTypeTestsNegated({ StartAt: "P", States: { P: { Type: "Pass", End: true } } })).toEqual({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
  });

  it("takes the branch AWS takes for a missing variable, which aws-local-stepfunctions alone does not", async () => {
    const path: StatePath = [];
    const machine = new LocalStateMachine(definition, {});
    expect(await machine.execute({ count: 1 }, path)).toEqual({ output: "none" });
    expect(path).toEqual(["Has Failure?", "None"]);
    expect(await machine.execute({ count: 1, failure: "m-1" })).toEqual({ output: "some" });

    // The engine's own evaluation, which the rewrite corrects.
    const { StateMachine } = await import("aws-local-stepfunctions");
    expect(await new StateMachine(definition as never).run({ count: 1 }).result).toBe("some");
  });
});
