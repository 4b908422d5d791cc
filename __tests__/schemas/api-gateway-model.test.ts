import Ajv from "ajv-draft-04";
import fc from "fast-check";
import { z } from "zod";
import { ModelConversionError, toApiGatewayModel } from "../../schemas/api-gateway-model";
import { payloadSchemas } from "../../schemas";
import { usersSchema } from "../../schemas/users";

const ajv = new Ajv({ allErrors: true, strict: false });

/** Values near every edge of the users schema, and of JSON in general. */
const anyJson = fc.jsonValue({ maxDepth: 2 });
const userLike = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(""), fc.integer(), fc.constant(null)),
    age: fc.oneof(fc.integer({ min: -5, max: 130 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(18), fc.constant(17), fc.string()),
    email: fc.oneof(fc.emailAddress(), fc.string(), fc.constantFrom("a@b.co", "A.B@EXAMPLE.ORG", "a..b@c.de", ".a@b.cd", "a@b", "a@b.c", "user+tag@sub.example.com")),
    extra: anyJson,
  },
  { requiredKeys: [] },
);

describe("toApiGatewayModel", () => {
  it.each(Object.entries(payloadSchemas))("turns the %s schema into a draft-04 model ajv compiles", (_, schema) => {
    const model = toApiGatewayModel(schema);
    expect(model.$schema).toBe("http://json-schema.org/draft-04/schema#");
    expect(JSON.stringify(model)).not.toContain("$ref");
    expect(() => ajv.compile(model)).not.toThrow();
  });

  it("accepts and rejects exactly what zod does, on generated users", () => {
    const validate = ajv.compile(toApiGatewayModel(usersSchema));
    fc.assert(
      fc.property(fc.oneof(userLike, anyJson), (body) => {
        expect({ body, model: validate(body) }).toEqual({ body, model: usersSchema.safeParse(body).success });
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts a valid user and rejects each invalid field", () => {
    const validate = ajv.compile(toApiGatewayModel(usersSchema));
    const user = { name: "Ada", age: 36, email: "ada@example.com" };
    expect(validate(user)).toBe(true);
    expect(validate({ ...user, age: 17 })).toBe(false);
    expect(validate({ ...user, age: 18.5 })).toBe(false);
    expect(validate({ ...user, email: "not-an-email" })).toBe(false);
    expect(validate({ name: "Ada", age: 36 })).toBe(false);
  });

  it("rewrites draft-06+ keywords into draft 04", () => {
    const model = toApiGatewayModel(z.object({ kind: z.literal("push"), score: z.number().gt(0).lt(10) }).strict());
    expect(model.properties).toEqual({
      kind: { type: "string", enum: ["push"] },
      score: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true },
    });
    expect(model.additionalProperties).toBe(false);
  });

  it("never returns the empty schema, which would accept every body", () => {
    expect(() => toApiGatewayModel(z.any())).toThrow(ModelConversionError);
    expect(() => toApiGatewayModel(z.unknown())).toThrow(/empty schema/);
  });

  it("lists every keyword draft 04 cannot express, with its path, at once", () => {
    const schema = z.object({ a: z.record(z.string().min(2), z.number()), b: z.record(z.string().regex(/^x/), z.string()) });
    const problems = (() => {
      try {
        toApiGatewayModel(schema);
        return [];
      } catch (error) {
        return (error as ModelConversionError).problems;
      }
    })();
    expect(problems).toEqual([
      '#/properties/a/propertyNames: keyword "propertyNames" is not part of JSON Schema draft 04',
      '#/properties/b/propertyNames: keyword "propertyNames" is not part of JSON Schema draft 04',
    ]);
  });
});
