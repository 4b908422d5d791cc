import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { Testing } from "cdktf";
import fc from "fast-check";
import { dlq } from "../../scripts/dlq";
import { quarantine } from "../../scripts/quarantine";
import { send } from "../../scripts/send";
import { CONSOLE_TOKEN_HEADER } from "../../scripts/console/twin-console";
import { terminalText } from "../../scripts/lib/terminal";
import { WebhookStack } from "../../stacks/webhook-stack";
import { chromium } from "playwright-core";
import { storedBodies } from "../../delivery/stored-bodies";
import { AttackTwin } from "../support/attack-twin";
import { browserReady, CHROMIUM, type PageDocument, type PageWindow } from "../support/browser";

// The page's globals, as the callbacks run in the page see them.
declare const document: PageDocument;
declare const window: PageWindow;

/**
 * Attack: reach the operator's terminal, or their screen, with what a delivery carries. A terminal
 * obeys control characters (`ESC [2J ESC [3J` clears the scrollback, `ESC [8m` hides what follows,
 * U+009B is a one-character CSI, bidi controls reorder what is shown), and the console shows
 * headers and bodies. Untrusted text reaches a terminal only through `terminalText`; the console
 * masks what a source's scheme reads as a credential, by role, whatever it is called.
 */

/** What a terminal would act on: C0 but tab and newline, DEL, C1, bidi and invisible format characters. */
// eslint-disable-next-line no-control-regex -- the control characters are what this test looks for in every tool's output.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const ATTACK = "\u001b[2J\u001b[3J\u001b[8m\u009b2J\u202eevil\r\u0007";
/** What of it an SQS message may hold (SQS refuses C0 controls but tab, newline and return). */
const SQS_ATTACK = "\u009b2J\u009b8m\u202eevil\r";

describe("terminalText", () => {
  it("writes every control a terminal acts on visibly, and nothing else changes", () => {
    expect(terminalText(ATTACK)).toBe("\\x1b[2J\\x1b[3J\\x1b[8m\\x9b2J\\u202eevil\\x0d\\x07");
    expect(terminalText("a line\n\tindented, Zoë, 日本, 🎉")).toBe("a line\n\tindented, Zoë, 日本, 🎉");
  });

  it("leaves no raw control in any text, and changes no text that has none", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(terminalText(text)).not.toMatch(RAW_CONTROL);
        if (!RAW_CONTROL.test(text)) expect(terminalText(text)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("the tools, printing what deliveries carry", () => {
  let attack: AttackTwin;
  let sqs: SQSClient;
  beforeAll(async () => {
    attack = await AttackTwin.start(
      "terminal",
      {
        github: { schema: "github", verification: { scheme: "github" } },
        partners: { schema: "github", verification: { scheme: "api-key", header: "x-partner-pass" } },
        graph: { schema: "github", verification: { scheme: "microsoft-graph" } },
      },
      { github: "gh-secret", partners: "partner-key-0123456789", graph: "graph-client-state" },
      true,
    );
    sqs = new SQSClient({ endpoint: attack.twin.url, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  }, 60_000);
  afterAll(async () => {
    sqs?.destroy();
    await attack?.stop();
  });
  // The tools read a stored delivery's body from the twin's S3, as `--local` has them.
  const readStored = () => storedBodies({ endpoint: attack.twin.url, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "AKIALOCAL", secretAccessKey: "local" } });
  const tool = async (run: (print: (line: string) => void) => Promise<number>) => {
    const lines: string[] = [];
    await run((line) => lines.push(line));
    return lines.join("\n");
  };

  it("`quarantine peek` and `release` print a delivery id carrying a C1 CSI visibly", async () => {
    const body = Buffer.from(JSON.stringify({ action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } }));
    // A header value may carry bytes 0x80-0xFF (obs-text): U+009B arrives as itself.
    const forged = await attack.post(attack.sign("github", { body, secret: "a forger's", event: "issues" }), (h) => ({ ...h, "x-github-delivery": "id-\u009b2J-\u009b8m" }));
    expect(await attack.verdictOf(forged.messageId!)).toBe("signature-mismatch");
    const deps = (print: (line: string) => void) => ({ sqs, outputs: async () => attack.twin.outputs(), print, readStored: readStored() });
    const peeked = await tool((print) => quarantine(["peek"], deps(print)));
    expect(peeked).toContain("id-\\x9b2J-\\x9b8m");
    expect(peeked).not.toMatch(RAW_CONTROL);
    const released = await tool((print) => quarantine(["release"], deps(print)));
    expect(released).toContain("released github id-\\x9b2J-\\x9b8m");
    expect(released).not.toMatch(RAW_CONTROL);
  });

  it("`dlq peek --body` prints a dead-lettered delivery's id and body of controls visibly", async () => {
    // Genuine, but its processing keeps failing (the bus refuses it), so it rests in the DLQ.
    attack.twin.eventBridge.refuses = (entry) => entry.Detail.includes("DLQ-ME");
    const body = Buffer.from(JSON.stringify({ action: `DLQ-ME ${SQS_ATTACK}`, sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } }));
    await attack.post(attack.sign("github", { body, secret: "gh-secret", event: "issues" }), (h) => ({ ...h, "x-github-delivery": "dlq-\u009b2J" }));
    await attack.twin.drained();
    const peeked = await tool((print) => dlq(["peek", "--body"], { sqs, outputs: async () => attack.twin.outputs(), print, readStored: readStored() }));
    expect(peeked).toContain("dlq-\\x9b2J");
    expect(peeked).toContain("\\u202eevil");
    expect(peeked).not.toMatch(RAW_CONTROL);
  });

  it("`send` prints an endpoint's answer of escapes visibly", async () => {
    const hostile: Server = createServer((_request, response) => response.end(`ok ${ATTACK}`));
    await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`;
      const stackDir = path.dirname(path.join(attack.twin.stack.dir, "cdk.tf.json"));
      const output = await tool((print) =>
        send(["--source", "github", "--url", url, "--stack", path.basename(stackDir), "--secret", "gh-secret", "--body", "{}"], { CDKTF_OUTDIR: path.dirname(path.dirname(stackDir)) }, print),
      );
      expect(output).toContain("200 ok \\x1b[2J");
      expect(output).not.toMatch(RAW_CONTROL);
    } finally {
      await new Promise((resolve) => hostile.close(resolve));
    }
  });

  it("the console masks a credential header by its role, whatever it is called", async () => {
    const posted = await attack.post(attack.sign("partners", { body: Buffer.from('{"action":"opened"}'), secret: "partner-key-0123456789" }));
    await attack.verdictOf(posted.messageId!);
    const detail = attack.console!.log.get(posted.messageId!)!;
    expect(detail.request!.headers["x-partner-pass"]).toBe("••••••");
    expect(JSON.stringify(detail)).not.toContain("partner-key-0123456789");
  });

  it("the console masks Graph's clientState in the body, and the event on the bus goes without it", async () => {
    const body = Buffer.from(JSON.stringify({ value: [{ subscriptionId: "s-1", changeType: "created", resource: "Users/1" }] }));
    const posted = await attack.post(attack.sign("graph", { body, secret: "graph-client-state" }));
    expect(await attack.verdictOf(posted.messageId!)).toBe("verified");
    const detail = attack.console!.log.get(posted.messageId!)!;
    expect(detail.request!.body).toContain('"clientState": "••••••"');
    expect(JSON.stringify(detail)).not.toContain("graph-client-state");
    const [event] = attack.twin.eventBridge.events.filter((e) => e.Source === "webhooks.graph");
    expect(JSON.parse(event.Detail).payload).toEqual({ value: [{ subscriptionId: "s-1", changeType: "created", resource: "Users/1" }] });
  });

  (browserReady() ? it : it.skip)("the console's page shows a delivery id and body of markup as text: no script of the sender's runs (Chromium)", async () => {
    const body = Buffer.from(JSON.stringify({ action: "</pre><script>window.pwned = 'body'</script>", sender: { login: "<img src=x onerror=\"window.pwned='login'\">", id: 1 }, repository: { id: 7, full_name: "o/h" } }));
    const posted = await attack.post(attack.sign("github", { body, secret: "a forger's", event: "<b>issues</b>" }), (h) => ({ ...h, "x-github-delivery": `<img src=x onerror="window.pwned='id'">` }));
    expect(await attack.verdictOf(posted.messageId!)).toBe("signature-mismatch");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"] });
    try {
      const page = await browser.newPage();
      await page.goto(`${attack.twin.url}/_console#/d/${encodeURIComponent(posted.messageId!)}`);
      await page.waitForFunction(() => document.querySelector("#detail-body pre")?.textContent.includes("window.pwned"));
      expect(await page.evaluate(() => window.pwned)).toBeUndefined();
      expect(await page.locator("#detail-title").textContent()).toContain(`<img src=x onerror="window.pwned='id'">`);
      expect(await page.locator("#deliveries").textContent()).toContain("<b>issues</b>");
    } finally {
      await browser.close();
    }
  }, 30_000);

  it("the console never quotes a body it cannot read: a non-JSON action gets 400 with a fixed message", async () => {
    const page = await attack.raw("/_console");
    const token = /name="console-token" content="([^"]+)"/.exec(page.body)![1];
    const answer = await attack.raw("/_console/api/quarantine/release", {
      method: "POST",
      headers: { "content-type": "application/json", origin: attack.twin.url, [CONSOLE_TOKEN_HEADER]: token },
      body: `{${ATTACK}`,
    });
    expect([answer.status, answer.body]).toEqual([400, '{"message":"The body must be a JSON object, such as {\\"id\\": \\"…\\"}."}']);
  });
});

describe("the twin's terminal (npm run local), under attack", () => {
  const STACK = "tty";
  const outdir = Testing.fullSynth(new WebhookStack(Testing.app(), STACK, { environment: "test", sources: { github: { schema: "github", verification: { scheme: "github" } } } }));
  let child: ChildProcess;
  let output = "";
  let url = "";
  beforeAll(async () => {
    // In an empty folder, with its own secret: the user's local.secrets.json and environment stay out.
    child = spawn(process.execPath, ["-r", require.resolve("tsx/cjs"), path.resolve(__dirname, "../../scripts/local.ts"), "--no-synth", "--stack", STACK, "--port", "0", "--fast-retries"], {
      cwd: mkdtempSync(path.join(tmpdir(), "tty-")),
      env: { PATH: process.env.PATH, CDKTF_OUTDIR: path.resolve(outdir), WEBHOOK_SECRET_GITHUB: "gh-secret", CHECKPOINT_DISABLE: "1" },
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the twin did not start:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match && output.includes("Ctrl-C stops.")) {
          clearInterval(poll);
          clearTimeout(timer);
          url = match[1];
          resolve();
        }
      }, 50);
    });
  }, 90_000);
  afterAll(() => child?.kill("SIGINT"));

  const post = (pathname: string, headers: Record<string, string>, body: string) =>
    new Promise<number>((resolve, reject) => {
      const sent = httpRequest(`${url}${pathname}`, { method: "POST", headers }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      sent.on("error", reject);
      sent.end(body);
    });

  it("prints a delivery id with C1 controls, a console body of escapes and a foreign Host without one raw control", async () => {
    const before = output.length;
    // A delivery whose id carries C1 CSI sequences; it is queued, then rejected (no signature).
    const status = await post("/v1/webhooks/github", { "content-type": "application/json", "x-github-delivery": "tty-\u009b2J\u009b8m", "x-github-event": "issues", "x-hub-signature-256": "sha256=00" }, '{"action":"opened","sender":{"login":"o","id":1},"repository":{"id":7,"full_name":"o/h"}}');
    expect(status).toBe(200);
    // A console action whose body is escapes: refused (no token), never quoted.
    expect(await post("/_console/api/send", { "content-type": "text/plain" }, ATTACK)).toBe(403);
    // A request for a rebound name: refused, its Host never printed.
    expect(await post("/v1/webhooks/github", { host: `evil\u009b2J.example`, "content-type": "application/json" }, "{}")).toBe(421);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no verdict was printed:\n${output.slice(before)}`)), 20_000);
      const poll = setInterval(() => {
        if (/tty-.*rejected: malformed-signature/.test(output.slice(before))) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
    const printed = output.slice(before);
    // Node sends the header's text as UTF-8 (C2 9B): the C2 shows as "Â", the 9B visibly.
    expect(printed).toMatch(/github tty-Â?\\x9b2JÂ?\\x9b8m/);
    expect(printed).toContain("refused with 421");
    expect(printed).not.toMatch(RAW_CONTROL);
  }, 40_000);
});
