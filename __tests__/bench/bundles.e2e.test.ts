import { bundleFigures } from "../../bench/bundles";

/**
 * The bench's cold starts measure each bundle on its real path: the bench refuses a bundle whose
 * first invocation failed (the process step once broke on a claim the bench's event lacked).
 */
describe("npm run bench: the bundles' cold starts", () => {
  it("starts each bundle in a fresh process, answers its first invocation as it would on Lambda, and measures it", async () => {
    const figures = await bundleFigures(1);
    expect(Object.keys(figures).sort()).toEqual(["handshake", "process", "validate"]);
    for (const [name, figure] of Object.entries(figures)) expect([name, figure.coldStartMs > 0 && figure.loadMs > 0 && figure.zipBytes > 0]).toEqual([name, true]);
  }, 60_000);
});
