import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { FORM_CONTENT } from "../delivery/payload";
import type { SourceSettings } from "../delivery/source-settings";
import { payloadSchemas, type PayloadSchemaName } from "../schemas";

/** Where sample payloads sit: one per source, per named sender, and per built-in schema. */
export const EXAMPLE_PAYLOADS = path.resolve(__dirname, "../examples/payloads");

/** The event a named sender that names it in a header sends most, for a sample without --event. */
export const SAMPLE_EVENTS: Readonly<Record<string, string>> = {
  github: "push",
  shopify: "orders/create",
  linear: "Issue",
  "lemon-squeezy": "order_created",
  bitbucket: "repo:push",
  sentry: "issue",
  woocommerce: "order.created",
  circleci: "workflow-completed",
  gitea: "push",
  twitch: "channel.follow",
  buildkite: "build.finished",
  gitlab: "Push Hook",
};

export interface Sample {
  /** The file the sample was read from. */
  readonly file: string;
  /** The body to sign, in the content type asked for. */
  readonly body: Buffer;
  /** The event type to name in the sender's header, when the sender names it there. */
  readonly event?: string;
}

/**
 * The sample file for a source: its own (`<source>.json`), else its named sender's
 * (`<scheme>.json`), else its schema's (`json.json`, `form.json`...).
 */
export function sampleFile(source: string, settings: Pick<SourceSettings, "schema" | "verification">): string | undefined {
  return [source, settings.verification.scheme, settings.schema].map((name) => path.join(EXAMPLE_PAYLOADS, `${name}.json`)).find((file) => existsSync(file));
}

/**
 * A source's sample payload, as its sender would post it in `contentType` (a form's fields are
 * encoded as a form). `fresh` varies it so that it is no replay of an earlier send: a new id in the
 * source's id field, the current time in its time fields, and a `nonce` field where the schema
 * takes one.
 */
export function samplePayload(source: string, settings: SourceSettings, contentType: string, fresh = false): Sample {
  const file = sampleFile(source, settings);
  if (!file) throw new Error(`No sample payload for ${source} in ${EXAMPLE_PAYLOADS}: give --file <payload> or --body <text>.`);
  let payload = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (fresh) payload = freshened(payload, settings);
  const body = contentType === FORM_CONTENT ? Buffer.from(formOf(payload, file)) : Buffer.from(`${JSON.stringify(payload, null, 2)}\n`);
  const header = settings.eventType && "header" in settings.eventType;
  return { file, body, ...(header && SAMPLE_EVENTS[settings.verification.scheme] ? { event: SAMPLE_EVENTS[settings.verification.scheme] } : {}) };
}

/** Byte units `--size` takes: SI (KB, MB) and binary (KiB, MiB). */
const UNITS: Record<string, number> = { "": 1, B: 1, KB: 1e3, KIB: 1024, MB: 1e6, MIB: 1024 * 1024 };

/** A size such as `5MiB`, `200KiB` or `1048576`, in bytes; undefined when it is not one. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([KM]i?B|B)?$/i.exec(text.trim());
  const unit = UNITS[(match?.[2] ?? "").toUpperCase()];
  return match && unit ? Math.round(Number(match[1]) * unit) : undefined;
}

/**
 * A sample's body grown to exactly `size` bytes with a `padding` field of its own: first in a JSON
 * object, last in a form. Throws when the sample is a list or already larger.
 */
export function paddedTo(body: Buffer, contentType: string, size: number): Buffer {
  const text = body.toString("utf8");
  const parts = contentType === FORM_CONTENT ? [`${text}&padding=`, ""] : text.startsWith("{") ? ['{"padding":"', `",${text.slice(1)}`] : undefined;
  if (!parts) throw new Error("Only a sample that is a JSON object or a form can be padded to a size.");
  const [before, after] = parts;
  const fill = size - Buffer.byteLength(before) - Buffer.byteLength(after);
  if (fill < 0) throw new Error(`The sample is already ${body.length} bytes; --size must be at least ${size - fill}.`);
  return Buffer.from(before + "x".repeat(fill) + after);
}

const TIME_FIELD = /(^|_)(created|timestamp|time|date)$|(_at|At|_ts|Time|DateTime)$/;

function freshened(payload: unknown, settings: SourceSettings): unknown {
  if (payload === null || typeof payload !== "object") return payload;
  if (Array.isArray(payload)) return payload.map((item) => freshened(item, settings));
  const now = new Date();
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (name === settings.deliveryIdField && (typeof value === "string" || typeof value === "number")) out[name] = freshId(value);
    else if (TIME_FIELD.test(name) && typeof value === "number") out[name] = value > 1e11 ? now.getTime() : Math.floor(now.getTime() / 1000);
    else if (TIME_FIELD.test(name) && typeof value === "string" && !Number.isNaN(Date.parse(value))) out[name] = now.toISOString();
    else out[name] = value;
  }
  const nonce = { ...out, nonce: randomBytes(8).toString("hex") };
  const schema = payloadSchemas[settings.schema as PayloadSchemaName];
  return schema?.safeParse(nonce).success ? nonce : out;
}

/** A new id of the same kind: `evt_…` keeps its prefix, a number stays a number. */
function freshId(value: string | number): string | number {
  if (typeof value === "number") return Number(`${Date.now()}${randomBytes(1)[0] % 10}`);
  const prefix = /^[A-Za-z]+_/.exec(value)?.[0] ?? "";
  return `${prefix}${randomBytes(12).toString("hex")}`;
}

/** A sample's fields as a form: each a string, or a list of strings repeated. */
function formOf(payload: unknown, file: string): string {
  const fields = payload !== null && typeof payload === "object" && !Array.isArray(payload) ? Object.entries(payload) : undefined;
  if (!fields || fields.some(([, v]) => typeof v !== "string" && !(Array.isArray(v) && v.every((x) => typeof x === "string")))) {
    throw new Error(`${file} cannot be sent as a form: a form's sample is an object of strings (or lists of strings).`);
  }
  const form = new URLSearchParams();
  for (const [name, value] of fields) for (const v of [value].flat() as string[]) form.append(name, v);
  return form.toString();
}
