import { ToolError } from "./stack-outputs";

/** Where the tools find the local twin: WEBHOOKS_LOCAL_URL, else `npm run local`'s default. */
export function localTwinUrl(env: NodeJS.ProcessEnv): string {
  return env.WEBHOOKS_LOCAL_URL ?? "http://127.0.0.1:3000";
}

/** The stack's outputs as the running twin answers them (local URLs and ARNs). */
export async function twinOutputs(url: string): Promise<Record<string, string>> {
  try {
    return (await (await fetch(`${url}/_local/outputs`)).json()) as Record<string, string>;
  } catch {
    throw new ToolError(`No local twin answers at ${url}: start it with \`npm run local\` (WEBHOOKS_LOCAL_URL if it is elsewhere).`);
  }
}
