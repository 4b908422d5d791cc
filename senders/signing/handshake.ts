import type { OutgoingHandshake } from "./signer";

/** A sender's handshake posted as JSON and signed as its deliveries are. */
export function signedJsonHandshake(
  payload: object,
  sign: (body: Buffer) => Record<string, string>,
  check: OutgoingHandshake["check"],
): OutgoingHandshake {
  const body = Buffer.from(JSON.stringify(payload));
  return { method: "POST", query: {}, headers: { "content-type": "application/json", ...sign(body) }, body, check };
}

/** A sender's handshake made as a GET with query parameters. */
export function getHandshake(query: Record<string, string>, check: OutgoingHandshake["check"]): OutgoingHandshake {
  return { method: "GET", query, headers: {}, body: Buffer.alloc(0), check };
}

/** The answer's JSON body, or undefined when it is not JSON. */
export function answerJson(body: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A check that the answer is 200 with `expected`, else what it got. */
export function expectAnswer(matches: (status: number, body: string) => boolean, expected: string): OutgoingHandshake["check"] {
  return ({ status, body }) => (status === 200 && matches(status, body) ? undefined : `expected 200 with ${expected}, got ${status} ${body.slice(0, 200)}`);
}
