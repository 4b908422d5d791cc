import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** One field of a documented type, as an editor shows it. */
export interface DocumentedField {
  /** Dotted, with `<name>` for a record's keys, such as `sources.<name>.throttle.rateLimit`. */
  readonly path: string;
  /** The field's type, as TypeScript writes it. */
  readonly type: string;
  /** Its documentation, without tags. */
  readonly doc: string;
  /** Its `@default` tag's text, if any. */
  readonly default?: string;
  readonly optional: boolean;
  /** Whether it holds fields of its own (a section), rather than a value. */
  readonly section: boolean;
  /** For a member of a union tagged by `scheme` (a source's verification), that scheme. */
  readonly variant?: string;
}

const ROOT = path.resolve(__dirname, "../..");

/**
 * Every field of an exported type or interface, at every depth: into objects, records (their
 * values) and unions of objects tagged by a literal `scheme`. Read with the TypeScript checker,
 * so documentation comes from the source, where the schema's comments are.
 */
export function documentedFields(file: string, typeName: string): DocumentedField[] {
  const cacheFile = path.join(CACHE_DIR, `${file.replace(/[/\\]/g, "_")}.${typeName}.json`);
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as { key: string; files: string[]; fields: DocumentedField[] };
    if (cacheKey(cached.files) === cached.key) return cached.fields;
  }
  const { fields, files } = readFields(file, typeName);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ key: cacheKey(files), files, fields }));
  return fields;
}

/**
 * Type-checking the config takes seconds; its fields are reused while none of the files the
 * program read changed (TypeScript's own libraries go with its version).
 */
const CACHE_DIR = path.join(ROOT, ".build", "documented-fields");

function cacheKey(files: readonly string[]): string {
  const hash = createHash("sha256").update(ts.version);
  for (const file of files) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) return "";
    hash.update(file).update(readFileSync(full));
  }
  return hash.digest("hex");
}

function readFields(file: string, typeName: string): { fields: DocumentedField[]; files: string[] } {
  const full = path.resolve(ROOT, file);
  const program = ts.createProgram([full], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  let found: ts.Type | undefined;
  ts.forEachChild(program.getSourceFile(full)!, (node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name.text === typeName) found = checker.getTypeAtLocation(node);
  });
  if (!found) throw new Error(`no type ${typeName} in ${file}`);
  const files = program
    .getSourceFiles()
    .map((source) => path.relative(ROOT, source.fileName))
    .filter((name) => !name.startsWith("..") && !/node_modules[/\\]typescript[/\\]lib/.test(name));
  return { fields: walk(checker, found, ""), files };
}

const isObject = (checker: ts.TypeChecker, type: ts.Type) =>
  (type.getFlags() & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(type) && type.getCallSignatures().length === 0;

function walk(checker: ts.TypeChecker, type: ts.Type, prefix: string, variant?: string): DocumentedField[] {
  return type.getProperties().flatMap((property) => {
    const fieldPath = `${prefix}${property.name}`;
    const fieldType = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    const tags = property.getJsDocTags(checker);
    const defaultTag = tags.find((tag) => tag.name === "default");
    const members = fieldType.isUnion() ? fieldType.types.filter((t) => isObject(checker, t)) : [];
    const tagged = members.length > 1 && members.every((t) => t.getProperty("scheme"));
    const values = isObject(checker, fieldType) && fieldType.getProperties().length === 0 ? fieldType.getStringIndexType() : undefined;
    // A record of sections (the sources) is walked; a record of plain values (the tags) is one value.
    const record = values && isObject(checker, checker.getNonNullableType(values)) ? values : undefined;
    const section = tagged || record !== undefined || (isObject(checker, fieldType) && fieldType.getProperties().length > 0);
    const typeText = (t: ts.Type) => checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType);
    const field: DocumentedField = {
      path: fieldPath,
      type: tagged
        ? members.map((member) => `{ scheme: ${typeText(checker.getTypeOfSymbol(member.getProperty("scheme")!))} }`).join(" | ")
        : section
          ? "object"
          : typeText(fieldType),
      doc: ts.displayPartsToString(property.getDocumentationComment(checker)).replace(/\s+/g, " ").trim(),
      ...(defaultTag ? { default: ts.displayPartsToString(defaultTag.text).replace(/\s+/g, " ").trim() } : {}),
      optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
      section,
      ...(variant ? { variant } : {}),
    };
    if (tagged) {
      return [
        field,
        ...members.flatMap((member) => {
          const scheme = typeText(checker.getTypeOfSymbol(member.getProperty("scheme")!)).replace(/'/g, "");
          return walk(checker, member, `${fieldPath}.`, scheme).filter((f) => f.path !== `${fieldPath}.scheme`);
        }),
      ];
    }
    if (record) return [field, ...walk(checker, checker.getNonNullableType(record), `${fieldPath}.<name>.`, variant)];
    return section ? [field, ...walk(checker, fieldType, `${fieldPath}.`, variant)] : [field];
  });
}
