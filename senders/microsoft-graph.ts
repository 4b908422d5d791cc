import { z } from "zod";
import { JSON_CONTENT, jsonOf } from "../delivery/payload";
import { matchesAnySecret, text } from "./handshake";
import { namedSettings } from "./preset";
import { genuine, rejected, type SignatureScheme } from "./scheme";

/**
 * Microsoft Graph change notifications: no signature; each notification of the body's `value`
 * array carries the subscription's `clientState`, which must equal the source's secret (a shared
 * secret inside the body, like an API key). Its subscription check, a POST with `validationToken`
 * in the query string, is answered with that token as text.
 * https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks
 */
export const microsoftGraphSettingsSchema = namedSettings("microsoft-graph");

export type MicrosoftGraphSettings = z.infer<typeof microsoftGraphSettingsSchema>;

const notificationsSchema = z.object({ value: z.array(z.object({ clientState: z.string().optional() }).passthrough()).min(1) });

/** Each notification's clientState ("" where it has none), or undefined when the body holds no notifications. */
export const clientStates = (body: Buffer): string[] | undefined => jsonOf(body, notificationsSchema)?.value.map((n) => n.clientState ?? "");

export const microsoftGraph: SignatureScheme<MicrosoftGraphSettings> = {
  settings: microsoftGraphSettingsSchema,
  headers: () => [],
  proofHeaders: () => [],
  secretFields: ["value[].clientState"],
  deliveryIdHeader: () => undefined,
  contentTypes: [JSON_CONTENT],
  // The subscription check: the validationToken echoed as text that cannot render. It uses no
  // secret, so it proves nothing and reveals nothing; every notification is checked on its own.
  handshake: {
    method: "POST",
    recognizes: (request) => typeof request.query.validationToken === "string",
    answer: (request) => text(request.query.validationToken),
  },
  verify(request, _s, secrets) {
    const states = clientStates(request.body);
    if (!states) return rejected("missing-credentials");
    if (states.some((state) => state === "")) return rejected("missing-credentials");
    // Every notification of the batch must carry a known clientState: one forged item forges them all.
    return states.every((state) => matchesAnySecret(state, secrets)) ? genuine([request.body]) : rejected("credentials-mismatch");
  },
};
