import { parseArgs } from "node:util";
import { closest } from "../../delivery/zod-issues";
import { ToolError } from "./stack-outputs";
import { printError, printLine } from "./terminal";

/** One option of a tool. */
export interface ToolOption {
  readonly type: "string" | "boolean";
  /** The value when the option is not given. */
  readonly default?: string;
  /** What a given value must be: a sentence fragment saying what is wrong, or undefined. */
  readonly check?: (value: string) => string | undefined;
}

/** A tool's command line: what it does, its commands (if it has any), options and usage line. */
export interface CommandLineSpec<Options extends Record<string, ToolOption>> {
  /** What the tool does, in a sentence or two: the first lines of its --help. */
  readonly description: string;
  readonly usage: string;
  /** The commands, one of which comes first; none for a tool without commands. */
  readonly commands?: readonly string[];
  /** The name of the one argument that may follow (the command, if any), such as "stack"; none if it takes none. */
  readonly operand?: string;
  readonly options: Options;
  /** Problems across options (one required, two exclusive), checked with the others. */
  readonly across?: (values: Values<Options>, given: ReadonlySet<string>, command: string) => string[];
}

type Values<Options extends Record<string, ToolOption>> = {
  readonly [K in keyof Options]: Options[K]["type"] extends "boolean" ? boolean : Options[K]["default"] extends string ? string : string | undefined;
};

export interface CommandLine<Options extends Record<string, ToolOption>> {
  /** The command, for a tool with commands. */
  readonly command: string;
  /** The operand, if the tool takes one and it was given. */
  readonly operand?: string;
  readonly values: Values<Options>;
  /** The options given on the command line, by name. */
  readonly given: ReadonlySet<string>;
}

/** Raised for `--help` or `-h`: its message is the tool's help, and the tool exits 0. */
export class HelpRequested extends ToolError {}

/** Runs a tool that takes only --help: reads its command line, then `main`; ends as `reportToolError` says on any error. */
export function runPlainTool(spec: CommandLineSpec<Record<string, never>>, main: () => void): void {
  try {
    readCommandLine(process.argv.slice(2), spec);
    main();
  } catch (error) {
    process.exit(reportToolError(error));
  }
}

/** How a tool ends on an error: its help with 0, a config error (each problem once, no trace) with 1, a usage mistake with 2. */
export function reportToolError(error: unknown, out: (line: string) => void = printLine, err: (line: string) => void = printError): number {
  if (error instanceof HelpRequested) {
    out(error.message);
    return 0;
  }
  // By name: importing stacks/config (zod and every scheme) would slow every tool's start.
  if (error instanceof Error && error.name === "ConfigError") {
    err(error.message);
    return 1;
  }
  err(error instanceof ToolError ? error.message : String((error as Error)?.stack ?? error));
  return 2;
}

/** `whole number of at least min` check, for options such as --max. */
export const wholeNumberAtLeast =
  (min: number) =>
  (value: string): string | undefined =>
    Number.isInteger(Number(value)) && Number(value) >= min && value.trim() !== "" ? undefined : `must be a whole number, at least ${min}`;

/**
 * Reads a tool's command line, reporting every problem at once, each echoing what it got: an
 * unknown command or option with the one probably meant, an option without its value, a flag
 * given one, a value its check refuses, a stray argument. Throws ToolError ending with the usage.
 */
export function readCommandLine<Options extends Record<string, ToolOption>>(argv: readonly string[], spec: CommandLineSpec<Options>): CommandLine<Options> {
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(`${spec.description}\n\n${spec.usage}`);
  const { tokens } = parseArgs({ args: [...argv], options: {}, strict: false, allowPositionals: true, tokens: true });
  const problems: string[] = [];
  const values: Record<string, string | boolean | undefined> = {};
  const given = new Set<string>();
  const positionals: string[] = [];
  const names = Object.keys(spec.options);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const option = spec.options[token.name];
    if (!option) {
      const meant = closest(token.name, names);
      problems.push(`${token.rawName}: unknown option${meant ? `; did you mean --${meant}?` : ""}`);
      continue;
    }
    given.add(token.name);
    if (option.type === "boolean") {
      if (token.value !== undefined) problems.push(`${token.rawName}: takes no value (got "${token.value}")`);
      values[token.name] = true;
      continue;
    }
    // Without a schema, parseArgs leaves `--max 5` as a flag and a positional: take the next word.
    let value = token.value;
    const next = tokens[i + 1];
    if (value === undefined && next?.kind === "positional") {
      value = next.value;
      i++;
    }
    if (value === undefined) {
      problems.push(`${token.rawName}: needs a value`);
      continue;
    }
    const problem = option.check?.(value);
    if (problem) problems.push(`${token.rawName}: ${problem} (got "${value}")`);
    values[token.name] = value;
  }
  for (const [name, option] of Object.entries(spec.options)) {
    if (!(name in values)) values[name] = option.type === "boolean" ? false : option.default;
  }

  let command = "";
  if (spec.commands) {
    command = positionals.shift() ?? "";
    if (command === "") problems.push(`a command is needed: ${spec.commands.join(", ")}`);
    else if (!spec.commands.includes(command)) {
      const meant = closest(command, spec.commands);
      problems.push(`${command}: unknown command${meant ? `; did you mean ${meant}?` : ""}`);
    }
  }
  const operand = spec.operand ? positionals.shift() : undefined;
  if (spec.across) problems.push(...spec.across(values as Values<Options>, given, command));
  if (positionals.length > 0) problems.push(`${positionals.join(" ")}: unexpected argument${positionals.length > 1 ? "s" : ""}`);
  if (problems.length > 0) throw new ToolError(`${problems.join("\n")}\n${spec.usage}`);
  return { command, ...(operand !== undefined ? { operand } : {}), values: values as Values<Options>, given };
}
