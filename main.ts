import { App } from "cdktf";
import { ConfigError, type WebhookConfigInput } from "./stacks/config";
import { environmentStacks, type EnvironmentOverrides } from "./stacks/environments";
import { WebhookStack } from "./stacks/webhook-stack";

/**
 * The sources: the seed's users (HMAC-SHA256 of the raw body, hex, in `X-Signature`, its own
 * schema), and two real senders, GitHub and Stripe, each named alone: its scheme, its schema and
 * its sample payload come with the name. Add yours here (docs/configuration.md "Add a source").
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

/**
 * The app's stacks. A config error names each problem once, with the environments and stacks it is
 * in (a shared setting's typo is one problem of every stack), every stack's at once.
 */
export function buildApp(app: App, env: NodeJS.ProcessEnv): App {
  const problems = new Map<string, string[]>();
  for (const [stackName, config] of Object.entries(environmentStacks(SHARED, ENVIRONMENTS, env))) {
    try {
      new WebhookStack(app, stackName, config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) problems.set(problem, [...(problems.get(problem) ?? []), `${config.environment} (${stackName})`]);
    }
  }
  if (problems.size > 0) throw new ConfigError([...problems].map(([problem, where]) => `${where.join(", ")}: ${problem}`));
  return app;
}

if (require.main === module) {
  try {
    buildApp(new App(), process.env).synth();
  } catch (error) {
    // A config error is the user's to fix, not ours to trace: each problem once, and exit 1.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
