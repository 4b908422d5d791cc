import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { bundleHandler } from "../stacks/lambda-bundle";

/**
 * The folders say the architecture: `delivery/` (the contract every part shares) and `senders/`
 * (their schemes) at the bottom; `handlers/` (the Lambdas), `stacks/` (synth), `local/` (the twin)
 * and `scripts/` (the tools) each build on them, never on one another's insides.
 */
const ROOT = path.resolve(__dirname, "..");
const PRODUCT = ["main.ts", "delivery", "senders", "schemas", "handlers", "stacks", "local", "scripts", "examples"];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (entry.endsWith(".ts")) return [entry];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .map((file) => path.join(entry, file));
}

/** Each product file's imports of other product files, as paths relative to the root. */
function importGraph(): Map<string, string[]> {
  const files = PRODUCT.flatMap(sourceFiles);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
    const local = importedFiles.map((i) => i.fileName).filter((name) => name.startsWith("."));
    graph.set(
      file,
      local.map((name) => {
        const target = path.join(path.dirname(file), name);
        return [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => known.has(candidate)) ?? target;
      }),
    );
  }
  return graph;
}

const folderOf = (file: string) => file.split(path.sep)[0];

/** The import circles of a graph, each as the files around it. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the architecture", () => {
  const graph = importGraph();
  const importsInto = (from: string[], into: string[]) =>
    [...graph].flatMap(([file, targets]) => (from.includes(folderOf(file)) ? targets.filter((t) => into.includes(folderOf(t))).map((t) => `${file} → ${t}`) : []));

  it("reads the graph it checks: handlers import the delivery contract and the senders", () => {
    expect(importsInto(["handlers"], ["delivery", "senders"]).length).toBeGreaterThan(5);
  });

  it("keeps the Lambdas' insides to the Lambdas: nothing imports from handlers/", () => {
    expect(importsInto(["main.ts", "delivery", "senders", "schemas", "stacks", "local", "scripts", "examples"], ["handlers"])).toEqual([]);
  });

  it("builds the shared core on nothing above it", () => {
    expect(importsInto(["delivery", "senders", "schemas"], ["handlers", "stacks", "local", "scripts", "examples", "main.ts"])).toEqual([]);
  });

  it("has no import circle", () => {
    expect(circles(graph)).toEqual([]);
  });

  it("finds a circle where there is one", () => {
    expect(circles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c", "a"]]);
  });

  it.each(["handlers/validate.ts", "handlers/process.ts", "handlers/handshake.ts"])("ships no signing code in %s's bundle", (entry) => {
    const { sources } = bundleHandler(entry);
    expect(sources).toContain(entry);
    expect(sources.filter((source) => source.startsWith("senders/signing/"))).toEqual([]);
  });
});
