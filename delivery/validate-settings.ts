/** The environment variables through which the stack configures the validate function, beside its sources. */
export const VALIDATE_ENV = {
  /** Where rejected deliveries are kept. */
  quarantineQueueUrl: "QUARANTINE_QUEUE_URL",
  /** The table replay claims are kept in (the idempotency table). */
  replayClaimsTable: "REPLAY_CLAIMS_TABLE_NAME",
  /** How long a claim is kept, in seconds: the idempotency window. */
  replayWindowSeconds: "REPLAY_WINDOW_SECONDS",
  /** The largest payload, as JSON, a verdict carries through the execution; a stored delivery's larger one goes as a reference. */
  inlinePayloadBytes: "INLINE_PAYLOAD_BYTES",
} as const;
