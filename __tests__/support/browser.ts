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
