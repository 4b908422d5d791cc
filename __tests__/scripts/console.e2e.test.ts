import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { chromium, type Browser, type Page } from "playwright-core";
import { postDelivery, signDelivery, sourcesOfStack } from "../../local/sender";
import { LocalTwin } from "../../local/twin";
import { TwinConsole } from "../../scripts/console/twin-console";
import { WebhookStack } from "../../stacks/webhook-stack";
import { browserReady, CHROMIUM, type PageDocument, type PageWindow } from "../support/browser";
import { allInline } from "../support/inline";

/**
 * The twin's console in a real browser (Debian's Chromium, driven by playwright-core): deliveries
 * reach their status in the list without a reload, a delivery's page shows its timeline and request,
 * and the dead-lettered one is redriven from the page and processed. Screenshots go to
 * .build/screenshots/.
 */
// The page's globals, as the callbacks run in the page see them.
declare const document: PageDocument;
declare const window: PageWindow;

const SCREENSHOTS = path.resolve(__dirname, "../../.build/screenshots");
const SECRETS = { users: "users-signing-key", github: "It's a Secret to Everybody" };
const FAIL = "FAIL-ME";
/** Deliveries of the load test: more than the list's window of 200 rows. */
const LOAD = 300;

const describeInBrowser = browserReady() ? describe : describe.skip;

describeInBrowser("the twin's console, in Chromium", () => {
  let twin: LocalTwin;
  let console_: TwinConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const outdir = Testing.fullSynth(
      new WebhookStack(Testing.app(), "console", allInline({
        environment: "test",
        sources: { users: { schema: "users", verification: { scheme: "hmac" } }, github: { schema: "github", verification: { scheme: "github" } } },
        api: { throttlingRateLimit: 10_000, throttlingBurstLimit: 5_000 },
        // Batches of 4 carry the load test's deliveries in fewer executions (a quarter of the validate calls).
        pipe: { batchSize: 4 },
        queue: { maxMessageSizeBytes: 40 * 1024 },
      })),
    );
    twin = await LocalTwin.start({ stackDir: path.join(outdir, "stacks", "console"), port: 0, secrets: SECRETS, fastForward: true });
    twin.eventBridge.refuses = (entry) => entry.Detail.includes(FAIL);
    console_ = new TwinConsole(twin, (source) => SECRETS[source as keyof typeof SECRETS]);
    twin.extend(console_);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${twin.url}/_console`);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await twin?.stop();
  });

  const send = (source: "github", body: object, options: { deliveryId: string; tamper?: boolean }) => {
    const sources = sourcesOfStack(twin.stack);
    const json = JSON.stringify(body);
    const delivery = signDelivery(sources[source], { url: twin.outputs()[`endpoint-${source}`], body: Buffer.from(json), secret: SECRETS[source], deliveryId: options.deliveryId, event: "issues" });
    return postDelivery(options.tamper ? { ...delivery, body: Buffer.from(json.replace("octo", "octa")) } : delivery);
  };
  const row = (deliveryId: string) => page.locator("#deliveries tr", { has: page.locator(`a:text-is("${deliveryId}")`) });

  it("shows a genuine, a forged and a failing delivery reach their status, live, without a reload", async () => {
    await page.evaluate(() => (window.loadedOnce = true));
    const github = { action: "opened", sender: { login: "octocat", id: 1 }, repository: { id: 7, full_name: "octo/hello" } };
    const answers = await Promise.all([
      send("github", github, { deliveryId: "genuine-1" }),
      send("github", github, { deliveryId: "forged-1", tamper: true }),
      // Its processing fails: the bus refuses its event, so it is retried until it rests in the DLQ.
      send("github", { ...github, repository: { id: 8, full_name: `octo/${FAIL}` } }, { deliveryId: "failing-1" }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await page.waitForFunction(
      () => {
        const status = (id: string) => [...document.querySelectorAll("#deliveries tr")].find((tr) => tr.querySelector("a")?.textContent === id)?.querySelector(".status")?.textContent;
        return status("genuine-1") === "processed" && status("forged-1") === "rejected" && status("failing-1") === "dead-lettered";
      },
      undefined,
      { timeout: 30_000 },
    );
    await expect(row("forged-1").textContent()).resolves.toContain("signature-mismatch");
    expect(await page.evaluate(() => window.loadedOnce)).toBe(true);
    await expect(page.locator("#dlq-count").textContent()).resolves.toBe("1");
    await expect(page.locator("#quarantine-count").textContent()).resolves.toBe("1");
    await page.screenshot({ path: path.join(SCREENSHOTS, "console-list.png") });
  }, 60_000);

  it("opens a delivery's page: timeline, headers with signatures masked, the body", async () => {
    await row("failing-1").locator("a").click();
    await page.waitForSelector("#detail:not([hidden]) .timeline li");
    const detail = await page.locator("#detail").textContent();
    expect(detail).toContain("dead-lettered");
    expect(detail).toContain(`"full_name": "octo/${FAIL}"`);
    expect(detail).toContain("x-hub-signature-256••••••");
    expect(detail).not.toMatch(/sha256=[0-9a-f]{64}/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "console-delivery.png") });
  }, 30_000);

  it("says why the dead-lettered delivery failed, redrives it from its page, and shows it processed", async () => {
    await expect(page.locator("#resting li", { hasText: "failing-1" }).textContent()).resolves.toContain("Error: EventBridge did not take the event: InternalFailure");
    twin.eventBridge.refuses = () => false;
    await page.locator('#detail button[data-action="dlq/redrive"]').click();
    await page.waitForFunction(
      () => [...document.querySelectorAll("#deliveries tr")].some((tr) => tr.querySelector("a")?.textContent === "failing-1" && tr.querySelector(".status")?.textContent === "processed"),
      undefined,
      { timeout: 30_000 },
    );
    await expect(page.locator("#dlq-count").textContent()).resolves.toBe("0");
    // The first message says where the delivery went.
    await page.waitForFunction(() => document.querySelector("#detail .status")?.textContent === "requeued");
  }, 60_000);

  it("sends a fresh sample from the page, twice, naming GitHub's event: both processed, neither a replay", async () => {
    const before = twin.eventBridge.events.length;
    for (let i = 0; i < 2; i++) await page.locator('button[data-action="send"][data-source="github"]').click();
    // The page posts each click's action on its own: wait for both samples' events.
    for (const deadline = Date.now() + 15_000; twin.eventBridge.events.length < before + 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    await twin.drained();
    const samples = twin.eventBridge.events.slice(before);
    expect(samples.map((event) => event.DetailType)).toEqual(["push", "push"]);
  }, 30_000);

  it("is driven from the keyboard: / finds, Escape closes the delivery", async () => {
    await page.keyboard.press("Escape");
    await page.waitForSelector("#detail", { state: "hidden" });
    await page.keyboard.press("/");
    await page.keyboard.type("forged");
    await page.waitForFunction(() => document.querySelectorAll("#deliveries tr").length === 1);
    await page.locator("#filter-text").fill("");
  }, 30_000);

  it("stays responsive under 300 deliveries, more than its window holds: a bounded window, batched updates, bounded memory", async () => {
    const heap = () => page.evaluate(() => window.performance.memory.usedJSHeapSize);
    const before = await heap();
    const started = Date.now();
    const github = (i: number) => ({ action: "opened", sender: { login: "octocat", id: i }, repository: { id: 7, full_name: `octo/load-${i}` } });
    let slowest = 0;
    for (let at = 0; at < LOAD; at += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => send("github", github(at + i), { deliveryId: `load-${at + i}` })));
      if (at % 100 === 0) {
        // While the flood runs, the page answers a filter within a frame or two.
        const t0 = Date.now();
        await page.locator("#filter-text").fill(`load-${at}`);
        await page.waitForFunction((id) => [...document.querySelectorAll("#deliveries tr a")].some((a) => a.textContent === id), `load-${at}`);
        slowest = Math.max(slowest, Date.now() - t0);
        await page.locator("#filter-text").fill("");
      }
    }
    await twin.drained();
    const seconds = (Date.now() - started) / 1000;
    await page.waitForFunction((load) => Number(/of ([\d,]+)/.exec(document.querySelector("#shown")?.textContent ?? "")?.[1]?.replace(/,/g, "")) >= load, LOAD, { timeout: 30_000 });
    const rows = await page.locator("#deliveries tr").count();
    const after = await heap();
    console.log(`${LOAD} deliveries in ${seconds.toFixed(1)} s with the console open; list ${rows} rows; a filter answered within ${slowest} ms at worst; page heap ${(before / 1e6).toFixed(1)} MB before, ${(after / 1e6).toFixed(1)} MB after`);
    expect(rows).toBeLessThanOrEqual(200);
    expect(console_.log.size).toBeGreaterThanOrEqual(LOAD);
    expect(slowest).toBeLessThan(2_000);
    expect(after - before).toBeLessThan(30e6);
  }, 180_000);
});
