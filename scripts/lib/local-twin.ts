import type { DeliveryOutcome } from "../../local/delivery-outcomes";
import { ToolError } from "./stack-outputs";

/** Where the tools find the local twin: on `port` if given, else WEBHOOKS_LOCAL_URL, else `npm run local`'s default. */
export function localTwinUrl(env: NodeJS.ProcessEnv, port?: string): string {
  return port !== undefined ? `http://127.0.0.1:${port}` : (env.WEBHOOKS_LOCAL_URL ?? "http://127.0.0.1:3000");
}

/** The outcome of a delivery the running twin queued, by its message id; undefined before the twin knows it. */
export async function twinDeliveryOutcome(url: string, messageId: string): Promise<DeliveryOutcome | undefined> {
  const response = await fetch(`${url}/_local/deliveries/${encodeURIComponent(messageId)}`);
  return response.status === 404 ? undefined : ((await response.json()) as DeliveryOutcome);
}

/** What the running twin answers at `/_local/<what>`. */
async function askTwin<T>(url: string, what: string): Promise<T> {
  try {
    return (await (await fetch(`${url}/_local/${what}`)).json()) as T;
  } catch {
    throw new ToolError(`No local twin answers at ${url}: start it with \`npm run local\` (WEBHOOKS_LOCAL_URL if it is elsewhere).`);
  }
}

/** The stack's outputs as the running twin answers them (local URLs and ARNs). */
export const twinOutputs = (url: string) => askTwin<Record<string, string>>(url, "outputs");

/** The folder of the synthesized stack the running twin serves. */
export const twinStackDirectory = async (url: string) => (await askTwin<{ directory: string }>(url, "stack")).directory;
