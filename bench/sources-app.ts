/**
 * An app with `n` HMAC sources, for the bench's synth-growth figure. One stack takes at most
 * SOURCES_PER_STACK of them (about 97 fit: the validate role's policy lists each secret), so more
 * sources mean more stacks, as they would for a user.
 *
 *   node -r tsx/cjs bench/sources-app.ts <n>
 */
import { App } from "cdktf";
import { WebhookStack } from "../stacks/webhook-stack";

export const SOURCES_PER_STACK = 50;

const n = Number(process.argv[2] ?? 1);
const app = new App();
for (let first = 0; first < n; first += SOURCES_PER_STACK) {
  const count = Math.min(SOURCES_PER_STACK, n - first);
  new WebhookStack(app, `bench-${first / SOURCES_PER_STACK}`, {
    environment: `b${first / SOURCES_PER_STACK}`,
    sources: Object.fromEntries(Array.from({ length: count }, (_, i) => [`s${first + i}`, { schema: "users", verification: { scheme: "hmac" } }])),
  });
}
app.synth();
