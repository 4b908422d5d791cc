import * as path from "node:path";
import fc from "fast-check";
import { Testing } from "cdktf";
import { buildApp, LOCAL_STACK } from "../../main";
import { sourcesOfStack } from "../../local/sender";
import { LocalTwin } from "../../local/twin";
import { readSynthesizedStack } from "../../local/synthesized-stack";
import { send } from "../../scripts/send";
import { schemeOf } from "../../senders";
import type { WebhookStack } from "../../stacks/webhook-stack";
import { CASES } from "../support/scheme-cases";

/**
 * Every source of the app, whatever sources it is configured with: each takes its sample payload,
 * signed as its sender signs, on the twin of the app's first stack, and `npm run send` reports it
 * processed. Nothing here names the default app's sources.
 */
const app = buildApp(Testing.app(), {});
const stack = app.node.children.find((child) => child.node.id === LOCAL_STACK) as WebhookStack;
const stackDir = path.join(Testing.fullSynth(stack), "stacks", LOCAL_STACK);
const sources = sourcesOfStack(readSynthesizedStack(stackDir));

/** A secret of the kind each source's sender holds, in the shape Secrets Manager would hold it. */
const secretOf = (source: string): string => {
  const { verification } = sources[source];
  const one = () => fc.sample(CASES[verification.scheme].secret, { numRuns: 1, seed: 7 })[0];
  const parts = schemeOf(verification).secretParts;
  return parts ? JSON.stringify({ [parts.delivery]: `${one()}-delivery`, [parts.handshake]: `${one()}-handshake` }) : one();
};
const secrets = Object.fromEntries(Object.keys(sources).map((source) => [source, secretOf(source)]));

let twin: LocalTwin;
beforeAll(async () => {
  twin = await LocalTwin.start({ stackDir, port: 0, secrets, fastForward: true });
}, 60_000);
afterAll(() => twin.stop());

describe(`every source of the app's ${LOCAL_STACK} stack, on the twin`, () => {
  it.each(Object.keys(sources))("%s: its sample, signed as its sender signs, is processed, and npm run send says so", async (source) => {
    if (schemeOf(sources[source].verification).secretless) {
      // Its sender signs with a private key only it holds; the stack has the public key alone.
      console.log(`${source}: not sent, since its sender (${sources[source].verification.scheme}) signs with a private key the app does not hold`);
      return;
    }
    const lines: string[] = [];
    const code = await send(["--source", source, "--secret", secrets[source], "--fresh"], { WEBHOOKS_LOCAL_URL: twin.url }, (line) => lines.push(line));
    expect({ code, last: lines[lines.length - 1] }).toEqual({ code: 0, last: "processed" });
  });
});
