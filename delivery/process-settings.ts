/** The environment variables through which the stack configures the process function. */
export const PROCESS_ENV = {
  /** The idempotency table's name. */
  table: "IDEMPOTENCY_TABLE_NAME",
  /** How long idempotency records live, in seconds. */
  expirySeconds: "IDEMPOTENCY_EXPIRY_SECONDS",
  /** The EventBridge bus verified deliveries are put on. */
  eventBus: "EVENT_BUS_NAME",
} as const;
