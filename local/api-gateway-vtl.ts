import { Compile, parse } from "velocityjs";
import { javaUrlEncode } from "../delivery/java-url-encode";

/**
 * Renders API Gateway mapping templates with velocityjs under API Gateway's semantics.
 *
 * API Gateway runs VTL on Java: string methods are java.lang.String's (`replaceAll` takes a regex,
 * `replace` replaces every occurrence, `length()` is a call), map and list literals are HashMap and
 * ArrayList, and `$util` follows Java's escaping and encoding. velocityjs would call JavaScript's
 * methods instead, so the Java ones are supplied through `customMethodHandlers`.
 */

/** A request as API Gateway sees it. */
export interface ApiRequest {
  readonly body: string;
  /** Header names as the sender wrote them. */
  readonly headers: Record<string, string>;
  readonly requestId?: string;
  readonly requestTimeEpoch?: number;
  readonly sourceIp?: string;
  readonly domainName?: string;
  /** The path including the stage, as `$context.path` gives it. */
  readonly path?: string;
  /** Query parameters, decoded, in the order API Gateway lists them. */
  readonly query?: Record<string, string>;
}

/** A java.util.Map view over a JS object: what `$input.params().header` is on AWS. */
class JavaMap {
  constructor(private readonly entries: Record<string, unknown>) {}
  get(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.entries, key) ? this.entries[key] : null;
  }
  keySet(): string[] {
    return Object.keys(this.entries);
  }
  containsKey(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.entries, key);
  }
  size(): number {
    return Object.keys(this.entries).length;
  }
  isEmpty(): boolean {
    return this.size() === 0;
  }
}

/** Java's regex replacement syntax ($1, \$) mapped onto JavaScript's. */
function javaReplacement(replacement: string): string {
  return replacement.replace(/\\(.)|\$(\d)|\$/g, (_, escaped, group) => (escaped !== undefined ? (escaped === "$" ? "$$" : escaped) : group !== undefined ? `$${group}` : "$$"));
}

/** A Java method on a template's value: `methodsOf` picks the table by the value's type, so `self` is that type. */
type Method = (self: never, ...args: never[]) => unknown;

const STRING_METHODS: Record<string, Method> = {
  replaceAll: (s: string, regex: string, replacement: string) => s.replace(new RegExp(regex, "g"), javaReplacement(replacement)),
  replaceFirst: (s: string, regex: string, replacement: string) => s.replace(new RegExp(regex), javaReplacement(replacement)),
  replace: (s: string, target: string, replacement: string) => s.split(target).join(replacement),
  matches: (s: string, regex: string) => new RegExp(`^(?:${regex})$`).test(s),
  length: (s: string) => s.length,
  isEmpty: (s: string) => s.length === 0,
  equals: (s: string, other: unknown) => s === other,
  equalsIgnoreCase: (s: string, other: unknown) => typeof other === "string" && s.toLowerCase() === other.toLowerCase(),
  contains: (s: string, part: string) => s.includes(part),
};

const LIST_METHODS: Record<string, Method> = {
  size: (list: unknown[]) => list.length,
  isEmpty: (list: unknown[]) => list.length === 0,
  get: (list: unknown[], i: number) => list[i],
  add: (list: unknown[], item: unknown) => (list.push(item), true),
  contains: (list: unknown[], item: unknown) => list.includes(item),
};

const MAP_METHODS: Record<string, Method> = {
  put: (map: Record<string, unknown>, key: string, value: unknown) => {
    const previous = map[key] ?? null;
    map[key] = value;
    return previous;
  },
  get: (map: Record<string, unknown>, key: string) => map[key] ?? null,
  containsKey: (map: Record<string, unknown>, key: string) => key in map,
  keySet: (map: Record<string, unknown>) => Object.keys(map),
  size: (map: Record<string, unknown>) => Object.keys(map).length,
  isEmpty: (map: Record<string, unknown>) => Object.keys(map).length === 0,
};

function methodsOf(value: unknown): Record<string, Method> | undefined {
  if (typeof value === "string") return STRING_METHODS;
  if (Array.isArray(value)) return LIST_METHODS;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return MAP_METHODS;
  return undefined;
}

const JAVA_SEMANTICS = [
  {
    uid: "java-semantics",
    match: ({ property, context }: { property: string; context: unknown }) => methodsOf(context)?.[property] !== undefined,
    resolve: ({ property, context, params }: { property: string; context: unknown; params: unknown[] }) =>
      methodsOf(context)![property](context as never, ...(params as never[])),
  },
];

/** Templates parsed once: an API renders the same few for every request. */
const compiled = new Map<string, Compile>();

function render(template: string, context: object): string {
  let compile = compiled.get(template);
  if (!compile) compiled.set(template, (compile = new Compile(parse(template), { customMethodHandlers: JAVA_SEMANTICS })));
  return compile.render(context, {});
}

/** commons-lang 2 StringEscapeUtils.escapeJavaScript, which `$util.escapeJavaScript` is. */
export function javaEscapeJavaScript(s: string): string {
  let out = "";
  for (const ch of s) {
    for (let i = 0; i < ch.length; i++) {
      const code = ch.charCodeAt(i);
      const hex = code.toString(16).toUpperCase();
      if (code > 0xfff) out += `\\u${hex}`;
      else if (code > 0xff) out += `\\u0${hex}`;
      else if (code > 0x7f) out += `\\u00${hex}`;
      else if (code < 32) {
        const named: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };
        out += named[code] ?? (code > 0xf ? `\\u00${hex}` : `\\u000${hex}`);
      } else {
        const escaped: Record<string, string> = { "'": "\\'", '"': '\\"', "\\": "\\\\", "/": "\\/" };
        out += escaped[String.fromCharCode(code)] ?? String.fromCharCode(code);
      }
    }
  }
  return out;
}

const util = {
  escapeJavaScript: javaEscapeJavaScript,
  urlEncode: javaUrlEncode,
  urlDecode: (s: string) => decodeURIComponent(s.replace(/\+/g, " ")),
  base64Encode: (s: string) => Buffer.from(s, "utf8").toString("base64"),
  base64Decode: (s: string) => Buffer.from(s, "base64").toString("utf8"),
  parseJson: (s: string) => JSON.parse(s),
};

/** Renders a request mapping template for one request. */
export function renderRequestTemplate(template: string, request: ApiRequest): string {
  const stagePath = request.path ?? "/v1/webhooks/users";
  const context = {
    input: {
      body: request.body,
      params: (name?: string) =>
        name === undefined
          ? { header: new JavaMap(request.headers), querystring: new JavaMap(request.query ?? {}), path: new JavaMap({}) }
          : (Object.entries(request.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? ""),
    },
    util,
    context: {
      requestId: request.requestId ?? "c0ffee00-0000-4000-8000-000000000001",
      requestTimeEpoch: request.requestTimeEpoch ?? 1_764_000_000_000,
      domainName: request.domainName ?? "abc123.execute-api.us-east-1.amazonaws.com",
      path: stagePath,
      identity: { sourceIp: request.sourceIp ?? "203.0.113.7" },
    },
  };
  return render(template, context);
}

/**
 * `$input.path` for the simple paths templates use: `$`, `$.a.b`. A missing node is `undefined`,
 * which velocityjs, like Java's Velocity with a null, renders as nothing in `$!x`; a JavaScript
 * `null` would render as "null" instead.
 */
function jsonPath(json: unknown, path: string): unknown {
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) throw new Error(`a path the local twin does not evaluate: ${path}`);
  return path
    .split(".")
    .slice(1)
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? ((node as Record<string, unknown>)[key] ?? undefined) : undefined), json);
}

/** What a gateway response template sees of the error API Gateway answers with. */
export interface GatewayError {
  readonly requestId: string;
  /** The error message. */
  readonly message: string;
  /** The request validator's findings, for BAD_REQUEST_BODY. */
  readonly validationErrorString?: string;
}

/** Renders a gateway response template: `$context.error.messageString` is the message, quoted. */
export function renderGatewayResponseTemplate(template: string, error: GatewayError): string {
  const context = {
    input: { body: "", path: () => undefined },
    util,
    context: {
      requestId: error.requestId,
      error: { message: error.message, messageString: JSON.stringify(error.message), validationErrorString: error.validationErrorString ?? "" },
    },
  };
  return render(template, context);
}

/**
 * Renders an integration response template for what the integration answered. Returns the body
 * and the status the template set through `$context.responseOverride.status`, if it did.
 */
export function renderResponseTemplate(template: string, integrationBody: string, requestId = "c0ffee00-0000-4000-8000-000000000001") {
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(integrationBody);
  } catch {
    // Not JSON: $input.path finds nothing, as on AWS.
  }
  const responseOverride: { status?: number } = {};
  const context = {
    input: { body: integrationBody, path: (path: string) => jsonPath(parsed, path) },
    util,
    context: { requestId, responseOverride },
  };
  const body = render(template, context);
  return { body, status: responseOverride.status };
}
