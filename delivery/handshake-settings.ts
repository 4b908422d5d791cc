/** The environment variables through which the stack configures the handshake function, beside the sources. */
export const HANDSHAKE_ENV = {
  /** The deliveries queue, where every request that is not a handshake goes. */
  queueUrl: "QUEUE_URL",
  /** Each source's public URL, as JSON, where a custom domain gives it one: envelopes carry it. */
  publicUrls: "PUBLIC_URLS",
} as const;

/** The handshake function's metrics: answered and refused handshakes, by source. */
export const HANDSHAKE_METRICS = { answered: "AnsweredHandshakes", refused: "RefusedHandshakes" } as const;
