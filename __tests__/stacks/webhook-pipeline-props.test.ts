import * as path from "node:path";
import * as ts from "typescript";

/**
 * WebhookPipelineProps in the aws-cdk-lib manner: every field, in every section, documented, and
 * every field that may be left out says its default. Read from the types as an editor shows them.
 */
const FILE = path.resolve(__dirname, "../../stacks/webhook-pipeline.ts");

function propsType() {
  const program = ts.createProgram([FILE], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  let found: ts.Type | undefined;
  ts.forEachChild(program.getSourceFile(FILE)!, (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "WebhookPipelineProps") found = checker.getTypeAtLocation(node);
  });
  return { checker, type: found! };
}

/** Each field as `path`, with its documentation and tags, into sections (plain objects) but not records or unions. */
function fields(checker: ts.TypeChecker, type: ts.Type, prefix = ""): { path: string; doc: string; tags: string[]; optional: boolean }[] {
  return type.getProperties().flatMap((property) => {
    const path = `${prefix}${property.name}`;
    const propertyType = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    const field = {
      path,
      doc: ts.displayPartsToString(property.getDocumentationComment(checker)),
      tags: property.getJsDocTags(checker).map((tag) => tag.name),
      optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
    };
    const isSection =
      (propertyType.getFlags() & ts.TypeFlags.Object) !== 0 && propertyType.getStringIndexType() === undefined && propertyType.getProperties().length > 0 && !checker.isArrayType(propertyType);
    return isSection && prefix.split(".").length < 3 ? [field, ...fields(checker, propertyType, `${path}.`)] : [field];
  });
}

describe("WebhookPipelineProps", () => {
  const { checker, type } = propsType();
  const all = fields(checker, type);

  it("reads the fields it checks", () => {
    expect(all.map((f) => f.path)).toEqual(expect.arrayContaining(["sources", "queue", "queue.maxReceiveCount", "api.customDomain", "functions.reservedConcurrency.process"]));
  });

  it("documents every field", () => {
    expect(all.filter((f) => f.doc.trim() === "").map((f) => f.path)).toEqual([]);
  });

  it("gives the default of every field that holds a value and may be left out", () => {
    const sections = new Set(all.map((f) => f.path.split(".").slice(0, -1).join(".")));
    const leaves = all.filter((f) => f.optional && !sections.has(f.path));
    const withoutDefault = leaves.filter((f) => !f.tags.includes("default") && !/ default|none|unset|without it/i.test(f.doc));
    expect(withoutDefault.map((f) => f.path)).toEqual([]);
  });
});
