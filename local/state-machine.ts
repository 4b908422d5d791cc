import * as path from "node:path";
import type { RunOptions } from "aws-local-stepfunctions";

// aws-local-stepfunctions 3 (the only release on the registry) needs Node 22 for one thing,
// Promise.withResolvers (ES2024). Rather than require a second Node, it is supplied on Node 20
// exactly as the specification defines it; on Node 22 this does nothing.
(Promise as unknown as { withResolvers?: unknown }).withResolvers ??= function withResolvers<T>(this: PromiseConstructor) {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new this<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

// AWS evaluates an indefinite JsonPath (a filter or a wildcard) to a list, even of one node, as its
// documentation shows ($.jar[?(@.a >= 5)] => [{"a": 5}, {"a": 7}]). aws-local-stepfunctions asks
// jsonpath-plus for unwrapped results, which turns a one-node match into the node itself; this
// restores the list for indefinite paths, and changes nothing else. It patches the copy
// aws-local-stepfunctions itself loads, wherever npm put it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module object aws-local-stepfunctions will load, found from its folder at run time.
const jsonpath = require(require.resolve("jsonpath-plus", { paths: [path.dirname(require.resolve("aws-local-stepfunctions"))] }));
if (!jsonpath.JSONPath.restoresLists) {
  const evaluate = jsonpath.JSONPath;
  const INDEFINITE = /\[\?|\[\*\]|\.\*|\.\./;
  jsonpath.JSONPath = Object.assign(
    function JSONPath(this: unknown, options: unknown, ...rest: unknown[]) {
      const indefinite = typeof options === "object" && options !== null && (options as { wrap?: boolean }).wrap === false && INDEFINITE.test((options as { path: string }).path);
      return evaluate.call(this, indefinite ? { ...(options), wrap: true } : options, ...rest);
    },
    { restoresLists: true },
  );
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the patch above, which an import (hoisted) would precede.
const { StateMachine } = require("aws-local-stepfunctions") as typeof import("aws-local-stepfunctions");

/** How one execution ended: its output, or the error that failed it. */
export type Execution = { readonly output: unknown } | { readonly error: string };

/** The states an execution entered, in order (those of a Map's iterations included). */
export type StatePath = string[];

/** A Choice rule, as far as this module reads and rewrites it; its other fields pass through. */
interface AslChoiceRule {
  readonly [field: string]: unknown;
  readonly Variable?: string;
  readonly Next?: string;
  readonly And?: readonly AslChoiceRule[];
  readonly Or?: readonly AslChoiceRule[];
  readonly Not?: AslChoiceRule;
}

/** A state, as far as this module reads it. */
interface AslState {
  readonly [field: string]: unknown;
  readonly Type?: string;
  readonly Resource?: string;
  readonly Parameters?: { readonly FunctionName?: string };
  readonly Choices?: readonly AslChoiceRule[];
  readonly ItemProcessor?: AslMachine;
  readonly Iterator?: AslMachine;
  readonly Branches?: readonly AslMachine[];
}

/** A state machine, or a Map's or Parallel's nested one. */
interface AslMachine {
  readonly [field: string]: unknown;
  readonly States: Readonly<Record<string, AslState>>;
}

/** Choice rule type tests, which AWS evaluates to true when their test fails if set to false. */
const TYPE_TESTS = ["IsPresent", "IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"];

/**
 * The definition with every type test set to false (`"IsPresent": false`) written as `Not` around
 * its true form, which means the same on AWS. aws-local-stepfunctions 3 evaluates the false forms as
 * never matching (`return IsPresentTrue && varValue !== void 0`), while the ASL specification and
 * AWS match a variable that fails the test; its `Not` is right. So the twin takes AWS's branch.
 */
export function withTypeTestsNegated<T>(definition: T): T {
  const rule = (r: AslChoiceRule): AslChoiceRule => {
    const falseTest = TYPE_TESTS.find((test) => r[test] === false);
    if (falseTest) {
      const { [falseTest]: _, Variable, Next, ...rest } = r;
      return { ...rest, ...(Next ? { Next } : {}), Not: { Variable, [falseTest]: true } };
    }
    return {
      ...r,
      ...(r.And ? { And: r.And.map(rule) } : {}),
      ...(r.Or ? { Or: r.Or.map(rule) } : {}),
      ...(r.Not ? { Not: rule(r.Not) } : {}),
    };
  };
  const machine = (m: AslMachine): AslMachine => ({
    ...m,
    States: Object.fromEntries(
      Object.entries(m.States).map(([name, state]) => [
        name,
        {
          ...state,
          ...(state.Type === "Choice" ? { Choices: (state.Choices ?? []).map(rule) } : {}),
          ...(state.ItemProcessor ? { ItemProcessor: machine(state.ItemProcessor) } : {}),
          ...(state.Iterator ? { Iterator: machine(state.Iterator) } : {}),
          ...(state.Branches ? { Branches: state.Branches.map(machine) } : {}),
        },
      ]),
    ),
  });
  return machine(definition as AslMachine) as T;
}

/** What a `lambda:invoke` Task state calls: the function, with the state's `Payload`. */
export type InvokeFunction = (payload: unknown) => Promise<unknown>;

/**
 * A state machine definition run by aws-local-stepfunctions, a real ASL interpreter. Each
 * `arn:aws:states:::lambda:invoke` Task state is given the function it invokes; it answers the way
 * the integration does, `{StatusCode, ExecutedVersion, Payload}`, and a function error fails the
 * state, for the definition's Retry and Catch to see.
 */
export class LocalStateMachine {
  private readonly machine: InstanceType<typeof StateMachine>;
  /** The Task states' local handlers, typed as the engine's run options take them. */
  private readonly handlers: NonNullable<NonNullable<RunOptions["overrides"]>["taskResourceLocalHandlers"]>;

  constructor(definition: object, tasks: Readonly<Record<string, InvokeFunction>>) {
    this.machine = new StateMachine(withTypeTestsNegated(definition) as never);
    this.handlers = Object.fromEntries(
      Object.entries(tasks).map(([state, invoke]) => [
        state,
        async (input) => ({ StatusCode: 200, ExecutedVersion: "$LATEST", Payload: (await invoke((input as { Payload?: unknown } | null)?.Payload)) as never }),
      ]),
    );
  }

  /** Runs one execution to its end; never throws for a failed execution. `path`, if given, receives the states entered. */
  async execute(input: unknown, path?: StatePath): Promise<Execution> {
    const execution = this.machine.run(input as never, { overrides: { taskResourceLocalHandlers: this.handlers } });
    const entered = path
      ? (async () => {
          for await (const event of execution.eventLogs as AsyncIterable<{ type: string; state?: { name: string } }>) {
            if (event.type === "StateEntered" && event.state) path.push(event.state.name);
          }
        })()
      : undefined;
    try {
      return { output: await execution.result };
    } catch (error) {
      const failure = error as Error & { cause?: Error };
      return { error: String(failure.cause?.message ?? failure.message) };
    } finally {
      await entered;
    }
  }
}

/**
 * The `lambda:invoke` Task states of a definition, nested ones included, with the FunctionName each
 * names (as written: a Terraform reference in a synthesized definition).
 */
export function lambdaTasks(definition: AslMachine): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (states: AslMachine["States"]) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === "Task" && String(state.Resource).includes(":states:::lambda:invoke")) found[name] = String(state.Parameters?.FunctionName);
      for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) if (nested?.States) walk(nested.States);
    }
  };
  walk(definition.States);
  return found;
}
