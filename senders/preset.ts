import { z } from "zod";
import { toleranceSeconds } from "./digest";
import { JSON_CONTENT } from "../delivery/payload";
import type { SignatureScheme } from "./scheme";

/** What a named sender adds to the scheme it uses: where its delivery id and event type are. */
export interface SenderFacts<S extends { readonly scheme: string }> extends Pick<SignatureScheme<S>, "eventType" | "deliveryIdField" | "handshake" | "secretParts"> {
  readonly deliveryIdHeader?: string;
  readonly contentTypes?: SignatureScheme<S>["contentTypes"];
}

/** A named sender whose scheme is a base scheme with fixed settings; `asBase` says which. */
export interface Preset<S extends { readonly scheme: string }, B extends { readonly scheme: string }> extends SignatureScheme<S> {
  readonly asBase: (settings: S) => B;
}

/**
 * A named sender as a base scheme (HMAC, a signature header, Standard Webhooks, an API key, Basic
 * auth) with the settings its documentation fixes: its configuration is its name alone.
 */
export function preset<S extends { readonly scheme: string }, B extends { readonly scheme: string }>(
  base: SignatureScheme<B>,
  settings: z.ZodType<S, z.ZodTypeDef, unknown>,
  asBase: (settings: S) => NoInfer<B>,
  sender: SenderFacts<S>,
): Preset<S, B> {
  return {
    settings,
    asBase,
    headers: (s) => base.headers(asBase(s)),
    proofHeaders: (s) => base.proofHeaders(asBase(s)),
    ...(base.secretFields ? { secretFields: base.secretFields } : {}),
    ...(sender.secretParts ? { secretParts: sender.secretParts } : {}),
    deliveryIdHeader: (s) => sender.deliveryIdHeader ?? base.deliveryIdHeader(asBase(s)),
    deliveryIdField: sender.deliveryIdField,
    contentTypes: sender.contentTypes ?? [JSON_CONTENT],
    eventType: sender.eventType,
    ...(sender.handshake ? { handshake: sender.handshake } : {}),
    verify: (request, s, secrets) => base.verify(request, asBase(s), secrets),
  };
}

/** A named sender's settings: its name alone. */
export function namedSettings<N extends string>(name: N) {
  return z.object({ scheme: z.literal(name) }).strict();
}

/** A named sender's settings where it signs a time: its name, and the replay window. */
export function timedSettings<N extends string>(name: N) {
  return z
    .object({
      scheme: z.literal(name),
      /** Replay window, in seconds, past and future. @default 300 */
      toleranceSeconds: toleranceSeconds(),
    })
    .strict();
}
