import { environmentStacks } from "../../stacks/environments";
import { parseWebhookConfig } from "../../stacks/config";

const sources = { users: { schema: "users", verification: { scheme: "hmac" } } } as const;

describe("environmentStacks", () => {
  it("makes one stack per environment, named and tagged after it, each with only its own overrides", () => {
    const stacks = environmentStacks(
      { sources, api: { throttlingRateLimit: 50 } },
      { dev: {}, prod: { region: "eu-west-1", api: { throttlingBurstLimit: 900 }, alarms: { email: "oncall@example.com" } } },
      {},
    );
    expect(Object.keys(stacks)).toEqual(["webhooks-dev", "webhooks-prod"]);
    const prod = parseWebhookConfig(stacks["webhooks-prod"]);
    expect(prod).toMatchObject({ environment: "prod", region: "eu-west-1", api: { throttlingRateLimit: 50, throttlingBurstLimit: 900 }, alarms: { email: "oncall@example.com" } });
    expect(parseWebhookConfig(stacks["webhooks-dev"])).toMatchObject({ environment: "dev", region: "us-east-1", api: { throttlingRateLimit: 50, throttlingBurstLimit: 200 } });
  });

  it("takes region, alarm e-mail and backend from the environment variables, below anything the config says", () => {
    const env = { AWS_REGION: "ap-southeast-2", WEBHOOKS_ALARM_EMAIL: "ops@example.com", WEBHOOKS_STATE_BUCKET: "state" };
    const stacks = environmentStacks({ sources }, { dev: {}, prod: { region: "eu-west-1", backend: { cloud: { organization: "acme" } } } }, env);
    expect(stacks["webhooks-dev"]).toMatchObject({ region: "ap-southeast-2", alarms: { email: "ops@example.com" }, backend: { s3: { bucket: "state" } } });
    // An environment's backend replaces the environment variables' whole: never an s3 and a cloud half.
    expect(stacks["webhooks-prod"]).toMatchObject({ region: "eu-west-1", backend: { cloud: { organization: "acme" } } });
    expect(stacks["webhooks-prod"].backend).not.toHaveProperty("s3");
  });

  it("merges sources source by source, so an environment can add one or change one's throttle", () => {
    const stacks = environmentStacks(
      { sources },
      { prod: { sources: { users: { throttle: { rateLimit: 5, burstLimit: 10 } }, github: { schema: "github", verification: { scheme: "github" } } } } },
      {},
    );
    const prod = parseWebhookConfig(stacks["webhooks-prod"]);
    expect(Object.keys(prod.sources)).toEqual(["users", "github"]);
    expect(prod.sources.users).toMatchObject({ schema: "users", throttle: { rateLimit: 5, burstLimit: 10 } });
  });

  it("names stacks after a custom prefix", () => {
    expect(Object.keys(environmentStacks({ sources, namePrefix: "hooks" }, { staging: {} }, {}))).toEqual(["hooks-staging"]);
  });
});
