import { App } from "cdktf";
import type { WebhookConfigInput } from "./stacks/config";
import { environmentStacks, type EnvironmentOverrides } from "./stacks/environments";
import { WebhookStack } from "./stacks/webhook-stack";

/**
 * The sources: the seed's users (HMAC-SHA256 of the raw body, hex, in `X-Signature`, its own
 * schema), and two real senders, GitHub and Stripe, each named alone: its scheme, its schema and
 * its sample payload come with the name. Add yours here (README "Add a source").
 */
const SOURCES: WebhookConfigInput["sources"] = {
  users: { schema: "users", verification: { scheme: "hmac", header: "X-Signature" } },
  github: { verification: { scheme: "github" } },
  stripe: { verification: { scheme: "stripe" } },
};

/** What every environment shares. */
const SHARED: EnvironmentOverrides = { sources: SOURCES };

/**
 * The environments, one stack each, named `webhooks-<environment>`: each says only what differs
 * from SHARED (any setting: region, sources, alarms, throttles, backend...). The first is the one
 * `npm run local` and `npm run send` use when no --stack is given.
 */
export const ENVIRONMENTS: Record<string, EnvironmentOverrides> = {
  dev: {},
  prod: {
    api: { throttlingRateLimit: 500, throttlingBurstLimit: 1_000 },
    functions: { reservedConcurrency: { validate: 20, process: 40 } },
    logRetentionDays: 90,
    events: { archiveRetentionDays: 365 },
  },
};

/** The stack the local tools use when none is named: the first environment's. */
export const LOCAL_STACK = Object.keys(environmentStacks(SHARED, ENVIRONMENTS, {}))[0];

export function buildApp(app: App, env: NodeJS.ProcessEnv): App {
  for (const [stackName, config] of Object.entries(environmentStacks(SHARED, ENVIRONMENTS, env))) {
    new WebhookStack(app, stackName, config);
  }
  return app;
}

if (require.main === module) {
  buildApp(new App(), process.env).synth();
}
