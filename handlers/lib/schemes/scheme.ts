import type { SourceSecret } from "../source-secret";

/** Everything a scheme may look at: the exact bytes received and the forwarded headers. */
export interface SignedRequest {
  /** The raw request body. */
  readonly body: Buffer;
  /** Forwarded headers by lower-case name; "" when the sender did not send one. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Why a delivery is not genuine: short, stable codes, safe to log and to count. */
export type RejectReason =
  | "missing-signature"
  | "malformed-signature"
  | "signature-mismatch"
  | "missing-credentials"
  | "credentials-mismatch";

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: RejectReason };

export const GENUINE: Verdict = { ok: true };

export function rejected(reason: RejectReason): Verdict {
  return { ok: false, reason };
}

/** A check of authenticity: a small pure function of the request, its settings and the secret. */
export type Scheme<Settings> = (request: SignedRequest, settings: Settings, secret: SourceSecret) => Verdict;
