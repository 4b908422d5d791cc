/** The `service` dimension of every delivery metric: Powertools Metrics always adds it. */
export const DELIVERY_METRICS_SERVICE = "webhook-validate";

/** CloudWatch metric names, per outcome of the validate step. Alarms and dashboards use these. */
export const DELIVERY_METRICS = {
  verified: "VerifiedDeliveries",
  rejected: "RejectedDeliveries",
  retry: "RetriedDeliveries",
} as const;
