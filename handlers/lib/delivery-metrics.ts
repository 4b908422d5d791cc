import { DELIVERY_METRICS } from "../../delivery/metrics";
import type { ValidatedItem } from "./validate-batch";

/** One data point: how many items of a batch had an outcome, per source and reason. */
export interface DeliveryCount {
  readonly metric: (typeof DELIVERY_METRICS)[keyof typeof DELIVERY_METRICS];
  readonly source: string;
  /** Why it was rejected or retried; absent for verified items. */
  readonly reason?: string;
  readonly count: number;
}

/** Adds up counts per metric, across sources and reasons: what alarms watch. */
export function totalDeliveries(counts: readonly DeliveryCount[]): Map<DeliveryCount["metric"], number> {
  const totals = new Map<DeliveryCount["metric"], number>();
  for (const { metric, count } of counts) totals.set(metric, (totals.get(metric) ?? 0) + count);
  return totals;
}

/** Counts a batch's verdicts by metric, source and reason, in first-seen order. */
export function countDeliveries(items: readonly ValidatedItem[]): DeliveryCount[] {
  const counts = new Map<string, DeliveryCount>();
  for (const item of items) {
    // S3's test of the bucket's notification is no delivery.
    if (item.outcome === "ignored") continue;
    const source = item.outcome === "verified" ? item.event.source : (item.source ?? "unknown");
    const reason = item.outcome === "verified" ? undefined : item.reason;
    const key = JSON.stringify([item.outcome, source, reason]);
    const previous = counts.get(key);
    counts.set(key, { metric: DELIVERY_METRICS[item.outcome], source, ...(reason ? { reason } : {}), count: (previous?.count ?? 0) + 1 });
  }
  return [...counts.values()];
}
