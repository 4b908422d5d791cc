/**
 * Payload fields that hold a source's secret (Graph's `clientState`), named by paths such as
 * `value[].clientState`: `.` steps into an object, `[]` into every item of an array. The event put
 * on the bus goes without them; the console shows them masked.
 */

/** `value` with every field at `paths` replaced by `mask`, or removed when `mask` is undefined; `value` itself is left as it was. */
export function redactFields(value: unknown, paths: readonly string[], mask?: string): unknown {
  return paths.reduce((current, path) => redactPath(current, path.split("."), mask), value);
}

function redactPath(value: unknown, steps: readonly string[], mask: string | undefined): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const [step, ...rest] = steps;
  const each = step.endsWith("[]") && rest.length > 0;
  const key = each ? step.slice(0, -2) : step;
  const object = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(object, key)) return value;
  const field = object[key];
  if (each) return Array.isArray(field) ? { ...object, [key]: field.map((item) => redactPath(item, rest, mask)) } : value;
  if (rest.length > 0) return { ...object, [key]: redactPath(field, rest, mask) };
  if (mask !== undefined) return { ...object, [key]: mask };
  const { [key]: _removed, ...others } = object;
  return others;
}
