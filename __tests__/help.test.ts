import { readFileSync } from "node:fs";
import * as path from "node:path";

/** `help` (the cdktf template's command list) names every npm script of the project. */
const ROOT = path.resolve(__dirname, "..");
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

describe("help", () => {
  it("lists every npm script", () => {
    const help = readFileSync(path.join(ROOT, "help"), "utf8");
    const unlisted = Object.keys(scripts).filter((name) => !help.includes(name === "test" ? "npm test" : `npm run ${name}`));
    expect(unlisted).toEqual([]);
    expect(Object.keys(scripts).length).toBeGreaterThan(10);
  });
});
