import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The docs hold together: every link between pages and to the project's files resolves, every
 * anchor is a heading of its page, every `docs/` page is linked from the README, and every
 * `<page> "<heading>"` named in the code, the help or the workflows is a heading of that page.
 * Links to other sites are not fetched (the tests run offline).
 */
const ROOT = path.resolve(__dirname, "..");
const DOCS = readdirSync(path.join(ROOT, "docs"))
  .filter((file) => file.endsWith(".md"))
  .map((file) => `docs/${file}`);
const PAGES = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...DOCS];

const read = (page: string) => readFileSync(path.join(ROOT, page), "utf8");

/** The text of a page outside its fenced code blocks, where links and headings are. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, "");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(page: string): Set<string> {
  return new Set([...prose(read(page)).matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => anchorOf(heading)));
}

/** Each markdown link of a page outside code: `[text](target)`, but images' too. */
function linksOf(page: string): string[] {
  return [...prose(read(page)).replace(/`[^`\n]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
}

describe("the docs' links", () => {
  it("has a page for each topic, each linked from the README", () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(8);
    const fromReadme = new Set(linksOf("README.md").map((target) => target.split("#")[0]));
    expect(DOCS.filter((page) => !fromReadme.has(page))).toEqual([]);
  });

  it("keeps the README to what it is, the commands, an example, the diagram and links: under 300 lines", () => {
    expect(read("README.md").split("\n").length).toBeLessThan(300);
  });

  it.each(PAGES)("%s: every link to a page, file or heading resolves", (page) => {
    const broken: string[] = [];
    for (const target of linksOf(page)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [file, anchor] = target.split("#");
      const resolved = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
      if (!existsSync(path.join(ROOT, resolved))) broken.push(`${target}: no ${resolved}`);
      else if (anchor !== undefined && (!resolved.endsWith(".md") || !anchorsOf(resolved).has(anchor))) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });

  it('finds every `<page> "<heading>"` the code, help and workflows name on that page', () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((file) => file && !file.endsWith(".md") && !file.startsWith("examples/payloads/") && existsSync(path.join(ROOT, file)));
    const named: string[] = [];
    const missing: string[] = [];
    for (const file of files) {
      for (const [, page, heading] of read(file).matchAll(/\b(README|docs\/[a-z-]+\.md)[,:]? \\?"([^"\\]+)\\?"/g)) {
        const pagePath = page === "README" ? "README.md" : page;
        named.push(`${file}: ${page} "${heading}"`);
        if (!existsSync(path.join(ROOT, pagePath)) || !anchorsOf(pagePath).has(anchorOf(heading))) missing.push(`${file}: ${page} "${heading}"`);
      }
    }
    expect(named.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("makes anchors as GitHub does", () => {
    expect(anchorOf("In your own stack: `WebhookPipeline`")).toBe("in-your-own-stack-webhookpipeline");
    expect(anchorOf("CDK Terrain: CDKTF's community fork")).toBe("cdk-terrain-cdktfs-community-fork");
    expect(anchorOf("State: S3 or HCP Terraform")).toBe("state-s3-or-hcp-terraform");
  });
});
