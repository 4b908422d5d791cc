import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { chromium, type Browser } from "playwright-core";
import { CONSOLE_TOKEN_HEADER } from "../../scripts/console/twin-console";
import { AttackTwin } from "../support/attack-twin";
import { browserReady, CHROMIUM, type PageDocument, type PageWindow } from "../support/browser";

/**
 * Attack: drive the twin from a web page in the user's browser. A page may post forms and
 * `text/plain` to any origin without asking, and, after pointing a name of its own at 127.0.0.1
 * (DNS rebinding), read what it gets. The twin answers only its own Host, and a console action
 * needs a JSON body, a same-origin request and this start's token: anything else is refused and
 * changes nothing.
 */
// The page's globals, as the callbacks run in the page see them.
declare const document: PageDocument;
declare const window: PageWindow;

const SECRETS = { github: "gh-local-secret" };
let attack: AttackTwin;
let sqs: SQSClient;
beforeAll(async () => {
  attack = await AttackTwin.start("crosssite", { github: { schema: "github", verification: { scheme: "github" } } }, SECRETS, true);
  sqs = new SQSClient({ endpoint: attack.twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  // Something to release and something to redrive, as a page would want to.
  const body = Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } }));
  const forged = await attack.post(attack.sign("github", { body, secret: "not-the-secret", deliveryId: "forged-1", event: "issues" }));
  expect(await attack.verdictOf(forged.messageId!)).toBe("signature-mismatch");
  await sqs.send(new SendMessageCommand({ QueueUrl: attack.twin.outputs()["dead-letter-queue-url"], MessageBody: "resting in the DLQ" }));
}, 60_000);
afterAll(async () => {
  sqs?.destroy();
  await attack?.stop();
});

/**
 * What a cross-site request could change: the messages at rest in the quarantine and the DLQ (a
 * release or a redrive moves them, and a moved message gets a new id even where it comes back),
 * and every move and acceptance the twin told.
 */
const state = () => ({
  quarantine: attack.twin.sqs.queue("webhooks-test-quarantine").messages.map((m) => m.messageId),
  deadLetterQueue: attack.twin.sqs.queue("webhooks-test-deliveries-dlq").messages.map((m) => m.messageId),
  moves: attack.events.filter((e) => e.step === "accepted" || e.step === "requeued" || e.step === "redriven").length,
});

describe("a foreign Host (DNS rebinding)", () => {
  const rebound = { host: "evil.example:80" };

  it.each([
    ["the AWS endpoint's GetSecretValue", "/", "POST", { "x-amz-target": "secretsmanager.GetSecretValue", "content-type": "application/x-amz-json-1.1" }, '{"SecretId":"github"}'],
    ["the console's state (bodies, the stack's path)", "/_console/api/state", "GET", {}, undefined],
    ["the console's page (its token)", "/_console", "GET", {}, undefined],
    ["the twin's outputs", "/_local/outputs", "GET", {}, undefined],
    ["the stack's folder", "/_local/stack", "GET", {}, undefined],
    ["a webhook route", "/v1/webhooks/github", "POST", { "content-type": "application/json" }, "{}"],
  ])("is refused with 421 before anything runs: %s", async (_what, pathname, method, headers, body) => {
    const before = state();
    const answer = await attack.raw(pathname, { method, headers: { ...headers, ...rebound }, body });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain(SECRETS.github);
    expect(answer.body).not.toContain(attack.console!.token);
    expect(state()).toEqual(before);
  });

  it("is answered under its own names: 127.0.0.1 and localhost on its port", async () => {
    const { port } = new URL(attack.twin.url);
    expect((await attack.raw("/_local/outputs", { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect((await attack.raw("/_local/outputs", { headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
    expect((await attack.raw("/_local/outputs", { headers: { host: `127.0.0.1:${Number(port) + 1}` } })).status).toBe(421);
  });
});

describe("a console action that is not the console's own page's", () => {
  const own = () => ({ origin: attack.twin.url, "sec-fetch-site": "same-origin", "content-type": "application/json", [CONSOLE_TOKEN_HEADER]: attack.console!.token });
  const action = (route: string, headers: Record<string, string>, body = "{}") => attack.raw(`/_console/api/${route}`, { method: "POST", headers, body });

  /** The console's own request with `change` made: a header replaced, or removed where `change` gives it undefined. */
  const ownBut = (change: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries({ ...own(), ...change }).filter((entry): entry is [string, string] => entry[1] !== undefined));

  it.each([
    ["a text/plain post (a no-cors fetch)", { "content-type": "text/plain" }],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }],
    ["a multipart form post", { "content-type": "multipart/form-data; boundary=x" }],
    ["no token", { [CONSOLE_TOKEN_HEADER]: undefined }],
    ["a token of another start", { [CONSOLE_TOKEN_HEADER]: "x".repeat(43) }],
    ["another origin", { origin: "http://evil.example" }],
    ["another origin on the same host", { origin: "http://localhost:1" }],
    ["a cross-site fetch", { origin: undefined, "sec-fetch-site": "cross-site" }],
    ["a same-site fetch from another port", { origin: undefined, "sec-fetch-site": "same-site" }],
    ["neither Origin nor Sec-Fetch-Site", { origin: undefined, "sec-fetch-site": undefined }],
  ])("is refused with 403 and changes nothing: %s", async (_what, change) => {
    const before = state();
    for (const route of ["quarantine/release", "dlq/redrive", "send", "resend"]) {
      const answer = await action(route, ownBut(change), route === "send" ? '{"source":"github"}' : "{}");
      expect([route, answer.status]).toEqual([route, 403]);
    }
    await attack.twin.drained();
    expect(state()).toEqual(before);
  });

  it("refuses a cross-site read of the console's state", async () => {
    expect((await attack.raw("/_console/api/state", { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await attack.raw("/_console/api/state", { headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
  });

  it("forbids framing the console's page (a framed page's buttons could be clicked through another)", async () => {
    const page = await attack.raw("/_console");
    expect([page.headers["x-frame-options"], page.headers["content-security-policy"]]).toEqual(["DENY", "frame-ancestors 'none'"]);
  });

  it("is done for the console's own page: the same request with JSON, its origin and its token", async () => {
    const answer = await action("quarantine/release", own(), '{"id":"no-such-message"}');
    expect([answer.status, JSON.parse(answer.body).message]).toEqual([200, "0 sent back for verification."]);
  });
});

const describeInBrowser = browserReady() ? describe : describe.skip;

describeInBrowser("a page of another origin, in Chromium", () => {
  let browser: Browser;
  let evil: Server;
  let evilUrl: string;
  beforeAll(async () => {
    const twin = attack.twin.url;
    // The attacker's page tries every way a page can send without asking: a no-cors fetch, a form
    // posted into a hidden frame, a JSON fetch (which needs a CORS preflight), and framing the console.
    const page = `<!doctype html><body>
      <iframe name="sink" hidden></iframe>
      <form id="form" method="POST" action="${twin}/_console/api/quarantine/release" enctype="text/plain" target="sink"><input name='{"x":"' value='"}'></form>
      <iframe id="framed" src="${twin}/_console"></iframe>
      <script>
        window.results = [];
        const routes = ["quarantine/release", "dlq/redrive", "send"];
        (async () => {
          for (const route of routes) {
            await fetch("${twin}/_console/api/" + route, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: '{"source":"github"}' }).then(() => results.push(route + " no-cors sent"), (e) => results.push(route + " no-cors failed"));
            await fetch("${twin}/_console/api/" + route, { method: "POST", headers: { "content-type": "application/json", "x-console-token": "guess" }, body: '{"source":"github"}' }).then((r) => results.push(route + " json " + r.status), () => results.push(route + " json blocked"));
          }
          document.getElementById("form").submit();
          await new Promise((r) => setTimeout(r, 500));
          results.push("done");
        })();
      </script></body>`;
    evil = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(page);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // evil.test stands for a name its owner points at 127.0.0.1 (DNS rebinding).
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--host-resolver-rules=MAP evil.test 127.0.0.1"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
  });

  it("cannot release, redrive or send: no-cors posts, a form post and a JSON fetch are all refused, and nothing changes", async () => {
    const before = state();
    const page = await browser.newPage();
    await page.goto(evilUrl);
    await page.waitForFunction(() => window.results?.includes("done"), undefined, { timeout: 20_000 });
    const results: string[] = await page.evaluate(() => window.results ?? []);
    // No-cors posts go out (a page cannot read the answer), and the twin refuses them; JSON needs a preflight the twin never grants.
    expect(results).toEqual(["quarantine/release", "dlq/redrive", "send"].flatMap((route) => [`${route} no-cors sent`, `${route} json blocked`]).concat("done"));
    // The framed console was refused by the browser (frame-ancestors 'none'): its frame holds no page of the console.
    const frame = page.frames().find((f) => f.url().startsWith(attack.twin.url));
    expect(await frame?.evaluate(() => document.querySelector('meta[name="console-token"]')?.getAttribute("content")).catch(() => undefined)).toBeUndefined();
    await attack.twin.drained();
    expect(state()).toEqual(before);
    await page.close();
  });

  it("cannot read the console through a rebound name: the twin answers evil.test with 421", async () => {
    const page = await browser.newPage();
    const answer = await page.goto(`http://evil.test:${new URL(attack.twin.url).port}/_console`);
    expect(answer?.status()).toBe(421);
    expect(await page.content()).not.toContain(attack.console!.token);
    await page.close();
  });
});
