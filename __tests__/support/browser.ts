import { existsSync } from "node:fs";

/** Where Chromium is: CHROMIUM_PATH, or Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether browser tests can run. Under CI=true a missing browser is an error, never a skip (.ci/run
 * installs Debian's chromium); elsewhere the reason is printed and the tests are skipped.
 */
export function browserReady(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `no Chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") throw new Error(`Browser tests cannot run: ${reason}`);
  console.warn(`Skipping browser tests: ${reason}`);
  return false;
}

/** An element, as the tests' callbacks that run in the page read it (the project's types have no DOM). */
export interface PageElement {
  readonly textContent: string;
  querySelector(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}

/** The page's document, as those callbacks read it. */
export interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageElement[];
}

/** The page's window, with what the tests' pages and callbacks put on it. */
export interface PageWindow {
  results?: string[];
  pwned?: unknown;
  loadedOnce?: boolean;
  readonly performance: { readonly memory: { readonly usedJSHeapSize: number } };
}
