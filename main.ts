import { App } from "cdktf";
import { backendFromEnvironment, type WebhookConfigInput } from "./stacks/config";
import { WebhookStack } from "./stacks/webhook-stack";

/**
 * The default sources: the seed's users (HMAC-SHA256 of the raw body, hex, in `X-Signature`), and
 * two real senders, GitHub and Stripe, each verified with its own scheme.
 */
export const defaultSources: WebhookConfigInput["sources"] = {
  users: { schema: "users", verification: { scheme: "hmac", header: "X-Signature" } },
  github: { schema: "github", verification: { scheme: "github" } },
  stripe: { schema: "stripe", verification: { scheme: "stripe" } },
};

/** The environments this app deploys, one stack each. */
export function defaultEnvironments(env: NodeJS.ProcessEnv): Record<string, WebhookConfigInput> {
  return {
    "webhooks-dev": {
      environment: "dev",
      region: env.AWS_REGION || "us-east-1",
      sources: defaultSources,
      backend: backendFromEnvironment(env),
      alarms: { email: env.WEBHOOKS_ALARM_EMAIL || undefined },
    },
  };
}

export function buildApp(app: App, env: NodeJS.ProcessEnv): App {
  for (const [stackName, config] of Object.entries(defaultEnvironments(env))) {
    new WebhookStack(app, stackName, config);
  }
  return app;
}

if (require.main === module) {
  buildApp(new App(), process.env).synth();
}
