/** What a sender signs. */
export interface OutgoingMessage {
  readonly body: Buffer;
  /** The URL the message is posted to, query string included, as `Signer.url` gives it. */
  readonly url: string;
  /** Signing time, in epoch seconds. */
  readonly timestamp: number;
  /** The message's unique id, for schemes that sign one. */
  readonly id: string;
}

/** A handshake as the sender makes it, and how it judges the answer. */
export interface OutgoingHandshake {
  readonly method: "GET" | "POST";
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** What is wrong with the answer, as the sender would judge it; undefined when it would accept it. */
  readonly check: (answer: { readonly status: number; readonly body: string }) => string | undefined;
}

/**
 * How a sender signs: the other half of a scheme, for tests and for tools that act as a sender
 * (`npm run send`, the twin). It lives apart from `verify` so that no Lambda bundle carries it.
 */
export interface Signer<Settings extends { readonly scheme: string }> {
  /**
   * The URL the sender posts `body` to, given the endpoint it was configured with: a sender may add
   * to it (Twilio binds a JSON body by its hash in the query string). @default the endpoint
   */
  readonly url?: (endpoint: string, body: Buffer, contentType: string) => string;
  /**
   * The body as the sender posts it, for senders that put the signature inside it (Mailgun).
   * @default the message's body
   */
  readonly body?: (message: OutgoingMessage, settings: Settings, secret: string) => Buffer;
  /** The sender's handshake, for senders that make one; `message` gives its time and a fresh id. @default none */
  readonly handshake?: (settings: Settings, secret: string, message: OutgoingMessage) => OutgoingHandshake;
  /** The headers a sender attaches to `message`, signed with `secret`. */
  readonly sign: (message: OutgoingMessage, settings: Settings, secret: string) => Record<string, string>;
}
