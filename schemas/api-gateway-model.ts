import type { ZodType } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";

/** A JSON Schema draft-04 document, the only dialect API Gateway request models accept. */
export type Draft04Schema = { [keyword: string]: unknown };

const DRAFT_04 = "http://json-schema.org/draft-04/schema#";

/** Keywords draft 04 defines: anything else would be ignored by API Gateway, silently accepting more. */
const DRAFT_04_KEYWORDS = new Set([
  "$schema", "title", "description", "default", "type", "enum", "format",
  "properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties",
  "dependencies", "items", "additionalItems", "minItems", "maxItems", "uniqueItems",
  "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "multipleOf", "anyOf", "allOf", "oneOf", "not",
]);

/** Keywords whose value is a map of sub-schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties"]);
/** Keywords whose value is one sub-schema (or, for `items`, a list of them). */
const SCHEMA_VALUES = new Set(["additionalProperties", "items", "additionalItems", "not"]);
/** Keywords whose value is a list of sub-schemas. */
const SCHEMA_LISTS = new Set(["anyOf", "allOf", "oneOf"]);

/** Raised when a zod schema cannot be expressed as an inline draft-04 model; lists every problem. */
export class ModelConversionError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot express the schema as an API Gateway (draft-04) model:\n  - ${problems.join("\n  - ")}`);
    this.name = "ModelConversionError";
  }
}

/**
 * Converts a zod (3.x API) schema into an inline draft-04 model for an API Gateway request validator.
 *
 * Emails become zod's own regex (API Gateway may not enforce `format`), unknown object keys are
 * allowed exactly where zod allows them, and draft-06+ forms (`const`, numeric `exclusiveMinimum`)
 * are rewritten to draft 04. It throws rather than return a model that accepts everything.
 */
export function toApiGatewayModel(schema: ZodType): Draft04Schema {
  const generated = zodToJsonSchema(schema, {
    target: "jsonSchema7",
    $refStrategy: "none",
    emailStrategy: "pattern:zod",
    applyRegexFlags: true,
    removeAdditionalStrategy: "strict",
  }) as Draft04Schema;
  const problems: string[] = [];
  const model = toDraft04(generated, "#", problems);
  if (Object.keys(model).every((keyword) => keyword === "$schema" || keyword === "description")) {
    problems.push("#: the model is the empty schema, which accepts every body (is this a zod 4 schema?)");
  }
  if (problems.length > 0) throw new ModelConversionError(problems);
  return { $schema: DRAFT_04, ...model };
}

function toDraft04(node: Draft04Schema, path: string, problems: string[]): Draft04Schema {
  const out: Draft04Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    const at = `${path}/${keyword}`;
    if (keyword === "$schema") continue;
    if (keyword === "const") {
      out.enum = [value];
    } else if ((keyword === "exclusiveMinimum" || keyword === "exclusiveMaximum") && typeof value === "number") {
      out[keyword === "exclusiveMinimum" ? "minimum" : "maximum"] = value;
      out[keyword] = true;
    } else if (!DRAFT_04_KEYWORDS.has(keyword)) {
      problems.push(`${at}: keyword "${keyword}" is not part of JSON Schema draft 04`);
    } else if (SCHEMA_MAPS.has(keyword)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, Draft04Schema>).map(([name, sub]) => [name, toDraft04(sub, `${at}/${name}`, problems)]),
      );
    } else if (SCHEMA_LISTS.has(keyword) || (keyword === "items" && Array.isArray(value))) {
      out[keyword] = (value as Draft04Schema[]).map((sub, i) => toDraft04(sub, `${at}/${i}`, problems));
    } else if (SCHEMA_VALUES.has(keyword) && typeof value === "object" && value !== null) {
      out[keyword] = toDraft04(value as Draft04Schema, at, problems);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}
