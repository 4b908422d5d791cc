import * as path from "node:path";
import { Testing } from "cdktf";
import type { DeliveryEvent } from "../../local/delivery-path";
import { LocalTwin } from "../../local/twin";
import { send } from "../../scripts/send";
import { sourcesOfStack } from "../../local/sender";
import { WebhookStack } from "../../stacks/webhook-stack";
import { ed25519KeyPair } from "../support/schemes";

/**
 * Handshakes end to end on the twin, made by `npm run send -- --handshake` as the senders make them:
 * Slack's url_verification on a route the handshake function serves whole, Meta's GET subscription
 * check beside a queue-only POST route; wrong secrets refused, nothing queued; and a Slack event
 * on the same route queued and processed.
 */
const DISCORD = ed25519KeyPair();
const SECRETS = {
  events: "8f742231b10e8888abcd99yyyzzz85a5",
  meta: { appSecret: "the-app-secret", verifyToken: "meatyhamhock" },
  zoom: "zoom-secret-token",
  x: "x-consumer-secret",
  dropbox: "dropbox-app-secret",
  graph: "graph-client-state",
  github: "gh-secret",
};
const outdir = Testing.fullSynth(
  new WebhookStack(Testing.app(), "handshakes", {
    environment: "test",
    sources: {
      events: { schema: "github", verification: { scheme: "slack" }, contentTypes: ["application/json"], handshake: true },
      meta: { schema: "github", verification: { scheme: "meta" } },
      zoom: { schema: "github", verification: { scheme: "zoom" } },
      x: { schema: "github", verification: { scheme: "x" } },
      dropbox: { schema: "github", verification: { scheme: "dropbox" } },
      discord: { schema: "github", verification: { scheme: "discord", publicKey: DISCORD.publicKey } },
      graph: { schema: "github", verification: { scheme: "microsoft-graph" } },
      // A source without a handshake, beside them: the handshake function is told only its own sources.
      github: { schema: "github", verification: { scheme: "github" } },
    },
  }),
);
/** The secret each sender makes its handshake with (Meta: its verify token, a part of its own; Discord: its private key), and another. */
const MADE_WITH: Record<string, [right: string, wrong?: string]> = {
  events: [SECRETS.events, "0f742231b10e8888abcd99yyyzzz85a5"],
  meta: [JSON.stringify(SECRETS.meta), JSON.stringify({ ...SECRETS.meta, verifyToken: "guessed" })],
  zoom: [SECRETS.zoom, "zoom-secret-tokem"],
  x: [SECRETS.x, "x-consumer-secres"],
  dropbox: [SECRETS.dropbox],
  discord: [DISCORD.privateKey, ed25519KeyPair().privateKey],
  graph: [SECRETS.graph],
};

const events: DeliveryEvent[] = [];
let twin: LocalTwin;
beforeAll(async () => {
  const secrets = Object.fromEntries(Object.entries(SECRETS).map(([source, secret]) => [source, typeof secret === "string" ? secret : JSON.stringify(secret)]));
  twin = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", "handshakes"), port: 0, secrets: { ...secrets, discord: "unused" }, onEvent: (e) => events.push(e) });
}, 60_000);
afterAll(() => twin?.stop());

const run = async (argv: string[]) => {
  const lines: string[] = [];
  const code = await send(argv, { WEBHOOKS_LOCAL_URL: twin.url }, (line) => lines.push(line));
  return { code, output: lines.join("\n") };
};

describe("handshakes on the twin", () => {
  it.each(Object.keys(MADE_WITH))("answers %s's handshake as its sender expects, made by npm run send -- --handshake", async (source) => {
    const [right, wrong] = MADE_WITH[source];
    const made = await run(["--source", source, "--handshake", "--secret", right]);
    expect([made.code, made.output]).toEqual([0, expect.stringMatching(/The sender would accept this answer\.$/)]);
    if (wrong !== undefined) expect((await run(["--source", source, "--handshake", "--secret", wrong])).code).toBe(1);
  });

  it("answers Slack's url_verification, signed with the source's secret, as Slack expects", async () => {
    const { code, output } = await run(["--source", "events", "--handshake", "--secret", SECRETS.events]);
    expect(output).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/webhooks\/events \(events's handshake\)\n200 \{"challenge":"[0-9a-f-]{36}"\}\nThe sender would accept this answer\.$/);
    expect(code).toBe(0);
  });

  it("refuses a url_verification signed with another secret with 403", async () => {
    const { code, output } = await run(["--source", "events", "--handshake", "--secret", "0f742231b10e8888abcd99yyyzzz85a5"]);
    expect(output).toMatch(/\n403 \{"message":"Forbidden"\}\nThe sender would refuse this answer: expected 200/);
    expect(code).toBe(1);
  });

  it("answers Meta's GET subscription check when the verify token is one of the source's secrets", async () => {
    expect(await run(["--source", "meta", "--handshake", "--secret", JSON.stringify(SECRETS.meta)])).toEqual({ code: 0, output: expect.stringMatching(/^GET .*\/v1\/webhooks\/meta\?hub\.mode=subscribe&hub\.verify_token=meatyhamhock&hub\.challenge=[0-9a-f-]{36} \(meta's handshake\)\n200 [0-9a-f-]{36}\nThe sender would accept/) });
    expect((await run(["--source", "meta", "--handshake", "--secret", JSON.stringify({ ...SECRETS.meta, verifyToken: "guessed" })])).code).toBe(1);
  });

  it("queues nothing for a handshake, and queues and processes a Slack event on the same route", async () => {
    expect(events.filter((e) => e.step === "accepted")).toEqual([]);
    expect(events.filter((e) => e.step === "handshake").length).toBeGreaterThanOrEqual(2);
    const body = JSON.stringify({ type: "event_callback", event: { type: "app_mention" }, action: "mention" });
    const { code, output } = await run(["--source", "events", "--body", body, "--secret", SECRETS.events]);
    // Inline: a POST handshake puts every request through the handshake function, which queues the rest.
    expect([code, output]).toEqual([0, expect.stringMatching(/\n200 \{"messageId":"[^"]+","requestId":"[^"]+"\}\nprocessed$/)]);
    await twin.drained();
    expect(events.map((e) => e.step)).toEqual(expect.arrayContaining(["accepted", "verified", "processed"]));
  });

  it("sends to a source without a handshake, though the handshake function is told only the sources with one", async () => {
    expect(Object.keys(sourcesOfStack(twin.stack)).sort()).toEqual(["discord", "dropbox", "events", "github", "graph", "meta", "x", "zoom"]);
    const body = JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } });
    const { code, output } = await run(["--source", "github", "--event", "issues", "--body", body, "--secret", SECRETS.github]);
    // Stored, as a source's bodies are by default: the answer names the request, and send follows it to its outcome.
    expect([code, output]).toEqual([0, expect.stringMatching(/\n200 \{"requestId":"[^"]+","stored":true\}\nprocessed$/)]);
    await twin.drained();
    expect(twin.eventBridge.events.filter((e) => e.Source === "webhooks.github")).toHaveLength(1);
  });

  it("refuses --handshake with a body: the handshake has its own request", async () => {
    await expect(run(["--source", "meta", "--handshake", "--body", "{}"])).rejects.toThrow(/^--handshake: the sender's handshake has its own request; drop --file and --body/);
  });
});
