import { backendFromEnvironment } from "./backend";
import type { WebhookConfigInput } from "./config";

/** Any part of a config, at any depth. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** What one environment changes from what every environment shares: any setting, at any depth. */
export type EnvironmentOverrides = DeepPartial<WebhookConfigInput>;

/** Settings replaced whole by an override rather than merged into: one backend, never two halves. */
const REPLACED_WHOLE = new Set(["backend"]);

/**
 * Each environment's stack config, by stack name (`<namePrefix>-<environment>`), from the settings
 * all share and each one's overrides. Lowest first: the schema's defaults, the environment
 * variables (`AWS_REGION`, `WEBHOOKS_ALARM_EMAIL`, the backend's), the shared settings, then the
 * environment's own. The environment's name becomes its `environment`, hence its names and tags.
 */
export function environmentStacks(
  shared: EnvironmentOverrides,
  environments: Readonly<Record<string, EnvironmentOverrides>>,
  env: NodeJS.ProcessEnv,
): Record<string, WebhookConfigInput> {
  const fromVariables: EnvironmentOverrides = {
    region: env.AWS_REGION || undefined,
    alarms: { email: env.WEBHOOKS_ALARM_EMAIL || undefined },
    backend: backendFromEnvironment(env),
  };
  return Object.fromEntries(
    Object.entries(environments).map(([environment, overrides]) => {
      const config = merge(merge(fromVariables, shared), { ...overrides, environment }) as WebhookConfigInput;
      return [`${config.namePrefix ?? "webhooks"}-${environment}`, config];
    }),
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** `over` on top of `under`: objects merged key by key, anything else (arrays included) replaced; undefined leaves `under`. */
function merge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) && !REPLACED_WHOLE.has(key) ? merge(merged[key], value) : value;
  }
  return merged;
}
